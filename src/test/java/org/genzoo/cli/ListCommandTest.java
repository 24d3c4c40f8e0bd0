package org.genzoo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.genzoo.Zoo;
import org.genzoo.cli.CliTest.Out;
import org.genzoo.core.Setting;
import org.genzoo.core.Settings;
import org.genzoo.core.TrainConfig;
import org.genzoo.data.DataKind;
import org.genzoo.data.DataSpec;
import org.genzoo.explicit.approximate.variational.VaeConfig;
import org.junit.jupiter.api.Test;

/** {@code genzoo list MODEL}: every setting is described beside its field, and printed with its default. */
class ListCommandTest {
    @Test
    void everySettingOfEveryRegisteredModelAndOfTrainingHasAMeaning() {
        List<String> missing = new ArrayList<>();
        for (Zoo.Entry<?> e : Zoo.all()) {
            missing.addAll(Settings.undescribed(e.configType()));
        }
        missing.addAll(Settings.undescribed(TrainConfig.class));
        assertThat(missing).as("record components without @Setting(\"meaning\")").isEmpty();
    }

    /** A record with one undescribed field: the check above would name it. */
    record Bare(int plain, @Setting("described") int described) {}

    @Test
    void theCheckNamesAnUndescribedField() {
        assertThat(Settings.undescribed(Bare.class)).containsExactly("Bare.plain");
    }

    @Test
    void listVaePrintsLatentWithItsDefaultForEachShape() {
        Out o = CliTest.run("list", "vae");
        assertThat(o.code()).as(o.err()).isZero();
        int toyLatent = ((VaeConfig) Zoo.get("vae").defaults().apply(DataSpec.vector(2, DataKind.CONTINUOUS))).latent();
        int mnistLatent = ((VaeConfig) Zoo.get("vae").defaults()
                .apply(new DataSpec(784, new int[] {28, 28}, DataKind.GREY))).latent();
        assertThat(o.out()).containsPattern(Pattern.compile(
                "(?m)^  latent +" + toyLatent + " +" + mnistLatent + " +dimension of the latent code z$"));
        assertThat(o.out()).contains("encoderHidden").contains("trainK").contains("Training settings");
    }

    @Test
    void listWithDataShowsTheTrainingDefaultsForThatData() {
        Out o = CliTest.run("list", "gan", "--data", "grid25");
        assertThat(o.code()).as(o.err()).isZero();
        TrainConfig t = Zoo.get("gan").training().apply(DataSpec.vector(2, DataKind.CONTINUOUS));
        assertThat(o.out()).containsPattern("(?m)^  --epochs +" + t.epochs() + " +passes over the training split$")
                .containsPattern("(?m)^  batch +" + t.batchSize() + " ")
                .containsPattern("(?m)^  lr +" + t.optimizer().lr() + " ");
        // every model setting, with its default for this data
        for (Settings.Described d : Zoo.get("gan").settings(DataSpec.vector(2, DataKind.CONTINUOUS))) {
            assertThat(o.out()).containsPattern("(?m)^  " + d.key() + " +" + Pattern.quote(d.value()) + " ");
        }
    }

    @Test
    void unknownModelIsAOneLineError() {
        Out o = CliTest.run("list", "nosuch");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err().strip().lines()).hasSize(1);
        assertThat(o.err()).contains("unknown model 'nosuch'");
    }
}
