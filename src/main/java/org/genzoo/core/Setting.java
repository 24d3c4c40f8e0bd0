package org.genzoo.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a setting of a config record means, written on the record component itself so the
 * meaning sits beside the field. {@code genzoo list MODEL} prints it with the default, and a
 * test fails when a component of a registered model's config lacks it. See {@link Settings}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Setting {
    /** The meaning, for users: one or two sentences, with its unit or allowed values. */
    String value();

    /**
     * The name a user sets it by when that differs from the component's name: a {@code --set}
     * key such as {@code batch}, or a flag such as {@code --epochs}. Empty: the component's name.
     */
    String key() default "";
}
