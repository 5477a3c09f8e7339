import Testing
@testable import Rendering

@Suite("Relative links")
struct RelativeLinksTests {
    @Test("root-relative links become relative to the page, folders end in index.html")
    func rewrite() {
        let html = ##"<a href="/tags/x/">x</a><link rel="stylesheet" href="/style.css"><a href="/#top">t</a><a href="https://e.org/">e</a><a href="#main">m</a><img src="/a/b.png"><p title="/not/a/link">"##
        #expect(RelativeLinks.rewrite(html, pagePath: "articles/2025/02/slug/", basePath: "/") ==
            ##"<a href="../../../../tags/x/index.html">x</a><link rel="stylesheet" href="../../../../style.css"><a href="../../../../index.html#top">t</a><a href="https://e.org/">e</a><a href="#main">m</a><img src="../../../../a/b.png"><p title="/not/a/link">"##)
        #expect(RelativeLinks.rewrite(##"<a href="/">home</a>"##, pagePath: "", basePath: "/") == ##"<a href="index.html">home</a>"##)
        #expect(RelativeLinks.rewrite(##"<a href="/news/tags/">t</a><a href="/elsewhere/">e</a>"##, pagePath: "tags/", basePath: "/news/") ==
            ##"<a href="../tags/index.html">t</a><a href="/elsewhere/">e</a>"##)
    }
}
