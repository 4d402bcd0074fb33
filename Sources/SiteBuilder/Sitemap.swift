import Foundation

/// Writes `sitemap.xml` (sitemaps.org protocol 0.9) and `robots.txt`.
///
/// The sitemap lists every HTML page of the output exactly once, folder URLs for `…/index.html`, except `404.html`.
/// The protocol requires absolute URLs, so a sitemap is written only when the site has a base URL; without one the
/// build writes no sitemap and says so in its summary. Past `limit` URLs, `sitemap.xml` becomes a sitemap index
/// pointing to `sitemap-1.xml`, `sitemap-2.xml`, … of at most `limit` URLs each.
public enum Sitemap {
    /// The protocol's maximum number of URLs in one sitemap file.
    public static let maximumURLs = 50_000
    /// The sitemaps.org namespace.
    static let namespace = "http://www.sitemaps.org/schemas/sitemap/0.9"

    /// Site-relative URLs of the HTML pages among `paths` (relative to the output folder), sorted, `404.html` left out.
    static func pageURLs(paths: some Sequence<String>) -> [String] {
        paths.compactMap { relative -> String? in
            guard relative.hasSuffix(".html"), relative != "404.html", let path = OutputPath(relative) else { return nil }
            return SiteURL.relative(for: path)
        }.sorted()
    }

    /// The sitemap files for `urls` (site-relative) under `base`: one `sitemap.xml`, or an index plus `sitemap-N.xml` past `limit` URLs.
    public static func documents(urls: [String], base: String, limit: Int = maximumURLs) -> [(path: OutputPath, text: String)] {
        let limit = max(1, limit)
        guard urls.count > limit else { return [(OutputPath("sitemap.xml")!, urlSet(urls, base: base))] }
        var documents: [(path: OutputPath, text: String)] = []
        var start = 0
        while start < urls.count {
            let end = min(start + limit, urls.count)
            documents.append((OutputPath("sitemap-\(documents.count + 1).xml")!, urlSet(Array(urls[start..<end]), base: base)))
            start = end
        }
        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<sitemapindex xmlns=\"\(namespace)\">"]
        for document in documents {
            lines.append("  <sitemap><loc>\(XMLText.escape(SiteURL.absolute(document.path.description, base: base)))</loc></sitemap>")
        }
        lines.append("</sitemapindex>")
        return [(OutputPath("sitemap.xml")!, lines.joined(separator: "\n") + "\n")] + documents
    }

    /// One `<urlset>` document.
    static func urlSet(_ urls: [String], base: String) -> String {
        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<urlset xmlns=\"\(namespace)\">"]
        for url in urls { lines.append("  <url><loc>\(XMLText.escape(SiteURL.absolute(url, base: base)))</loc></url>") }
        lines.append("</urlset>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `robots.txt`: everything may be crawled; names the sitemap when there is one (absolute, as the format requires).
    public static func robots(base: String?) -> String {
        var lines = ["# Written by sitegen.", "User-agent: *", "Disallow:"]
        if let base {
            lines += ["", "Sitemap: \(SiteURL.absolute("sitemap.xml", base: base))"]
        } else {
            lines.append("# No Sitemap line: the site was built without a base URL (sitemap URLs must be absolute).")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
