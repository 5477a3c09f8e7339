// A libFuzzer target over the loader: the same bytes are read as a text article and as a
// Markdown article with front matter, then through country detection and tag candidates.
// Any crash, hang or runaway allocation is a bug; thrown diagnostics are the expected way out.
//
// Built by `Fuzz/run` with `-sanitize=fuzzer` (libFuzzer supplies `main`). Built normally, the
// target replays files given as arguments, so a crash the fuzzer found can be debugged.
import Core
import Foundation
import Loading
import Taxonomy

let fuzzDisk = MemoryFileSystem()
let fuzzLoader = ArticleLoader(fileSystem: fuzzDisk, contentDirectory: "", timeZone: TimeZone(identifier: "Asia/Karachi")!)
let fuzzDetector = CountryDetector()
let fuzzTagger = TagExtractor()

func fuzzOne(_ data: Data) {
    for name in ["article.txt", "article.md"] {
        try? fuzzDisk.writeFile(name, contents: data)
        guard case .article(let article)? = try? fuzzLoader.load(name) else { continue }
        _ = fuzzDetector.detect(title: article.metadata.title, dek: article.metadata.dek, dateline: article.metadata.dateline,
                                body: article.bodyText)
        _ = fuzzTagger.tags(title: article.metadata.title, dek: article.metadata.dek, body: article.bodyText)
        _ = MarkdownEscaper.escape(article.metadata.title)
    }
    _ = try? FrontMatterParser.parse(String(decoding: data, as: UTF8.self))
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    fuzzOne(Data(bytes: bytes, count: count))
    return 0
}

#if FUZZING
// SwiftPM links an executable target's entry point as `LoaderFuzzer_main`; under the fuzzer that
// entry point hands control to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("LoaderFuzzer_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { bytes, length in fuzzerTestOneInput(bytes, length) }
}
#else
@main
struct Replay {
    static func main() throws {
        for path in CommandLine.arguments.dropFirst() {
            fuzzOne(try Data(contentsOf: URL(fileURLWithPath: path)))
            print("ok \(path)")
        }
    }
}
#endif
