/** genzoo: the family tree of deep generative models (Goodfellow, NIPS 2016 GAN tutorial, section 2), trained on the same data and measured alike. {@link org.genzoo.Zoo} is the catalogue; {@link org.genzoo.Runs} trains and opens run directories. */
package org.genzoo;
