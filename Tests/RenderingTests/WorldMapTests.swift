import Testing
@testable import Rendering

@Suite("World map")
struct WorldMapTests {
    @Test("every country with a page links from the map with its count; the rest are drawn unlinked")
    func links() {
        let map = WorldMap.standard
        #expect(map.outlines.count > 200)
        let svg = map.svg(entries: ["PK": .init(name: "Pakistan", count: 12, url: "/countries/pakistan/"),
                                    "JP": .init(name: "Japan & <Co>", count: 1, url: "/countries/japan/")],
                          label: "Coverage", describedBy: "list")
        #expect(svg.hasPrefix("<svg class=\"world-map\" viewBox=\"0 0 1000 "))
        #expect(svg.contains("aria-describedby=\"list\""))
        #expect(svg.contains("<a href=\"/countries/pakistan/\"><path class=\"m5\""))
        #expect(svg.contains("<title>Pakistan: 12 articles</title>"))
        #expect(svg.contains("<title>Japan &amp; &lt;Co&gt;: 1 article</title>"))
        #expect(svg.components(separatedBy: "<a href").count - 1 == 2)
        #expect(svg.components(separatedBy: "class=\"m0\"").count - 1 == map.outlines.count - 2)
    }

    @Test("shades grow with the logarithm of the count, from 1 to 5")
    func shades() {
        #expect(WorldMap.shade(0, maximum: 1000) == 0)
        #expect(WorldMap.shade(1, maximum: 1000) == 1)
        #expect(WorldMap.shade(32, maximum: 1000) == 3)
        #expect(WorldMap.shade(1000, maximum: 1000) == 5)
        #expect(WorldMap.shade(1, maximum: 1) == 5)
    }
}
