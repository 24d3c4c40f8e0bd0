/** Saveable first-order optimisers (Adam, SGD) updating parameters in place, one per parameter group. */
package org.genzoo.core.optim;
