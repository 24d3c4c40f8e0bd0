package org.genzoo.report;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks on a written HTML page, for tests: which pictures it links, and which of them are
 * missing. It reads the page's own text, independently of {@link HtmlReport}'s list of figures,
 * so a page that links a picture by any other route is caught too.
 */
public final class PageChecks {
    /** An img element's src attribute in double quotes (how HtmlReport writes it). */
    private static final Pattern IMG_SRC = Pattern.compile("<img\\b[^>]*\\bsrc=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    private PageChecks() {}

    /** The src attribute of every img element of the page, in order, as written. */
    public static List<String> imageSources(Path html) throws IOException {
        Matcher m = IMG_SRC.matcher(Files.readString(html, StandardCharsets.UTF_8));
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1).replace("&amp;", "&").replace("&#39;", "'").replace("&quot;", "\""));
        }
        return out;
    }

    /** The linked pictures that are not regular files beside the page (decoded paths). */
    public static List<String> missingImages(Path html) throws IOException {
        Path folder = html.toAbsolutePath().getParent();
        List<String> missing = new ArrayList<>();
        for (String src : imageSources(html)) {
            String path = URLDecoder.decode(src.replace("+", "%2B"), StandardCharsets.UTF_8);
            if (!Files.isRegularFile(folder.resolve(path))) {
                missing.add(src);
            }
        }
        return missing;
    }
}
