/** The genzoo command line: thin picocli verbs over the library. */
package org.genzoo.cli;
