// Loader and taxonomy throughput, single-threaded, in a release build: reads every `.txt` of a
// corpus into memory, then runs each stage over it `copies` times and reports MB of article text
// per CPU second. Files are read before timing starts, so disk speed does not count.
//
//   swift run -c release LoaderBenchmark [CORPUS_DIR] [COPIES] [ROUNDS] [loader|taxonomy]
import Core
import Foundation
import Loading
import Taxonomy

let arguments = CommandLine.arguments
let corpus = arguments.count > 1 ? arguments[1] : "../shared/corpus/public"
let copies = arguments.count > 2 ? Int(arguments[2]) ?? 5 : 5

let disk = MemoryFileSystem()
var paths: [String] = []
var bytes = 0
// Folders are read through (`gen-corpus --format text` writes `YYYY/MM/slug.txt`).
let names = (FileManager.default.enumerator(atPath: corpus)?.allObjects as? [String] ?? []).sorted()
for name in names where name.hasSuffix(".txt") {
    let data = try Data(contentsOf: URL(fileURLWithPath: corpus).appendingPathComponent(name))
    try disk.writeFile(name, contents: data)
    paths.append(name)
    bytes += data.count
}
guard !paths.isEmpty else {
    FileHandle.standardError.write(Data("no .txt files in \(corpus)\n".utf8))
    exit(1)
}

func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

let loader = ArticleLoader(fileSystem: disk, contentDirectory: "", timeZone: TimeZone(identifier: "UTC")!)
let detector = CountryDetector()
let tagger = TagExtractor()

// Warm up lazily built tables (chrome patterns, gazetteer, cities) outside the timings.
var loaded: [LoadedArticle] = []
for path in paths {
    if case .article(let article) = try loader.load(path) { loaded.append(article) }
}
_ = detector.detect(title: "Warm", dek: nil, dateline: "KARACHI", body: "Warm up.")

// The machine is shared: each stage runs `rounds` times and the median round counts.
let rounds = arguments.count > 3 ? Int(arguments[3]) ?? 5 : 5
// `loader` or `taxonomy` runs one stage only (for a profiler).
let only = arguments.count > 4 ? arguments[4] : nil
func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

var articles = 0
var loadRounds: [Double] = []
for _ in 0..<(only == "taxonomy" ? 1 : rounds) {
    let start = cpuSeconds()
    articles = 0
    for _ in 0..<copies {
        for path in paths {
            if case .article = try loader.load(path) { articles += 1 }
        }
    }
    loadRounds.append(cpuSeconds() - start)
}
let loadSeconds = median(loadRounds)

var found = 0
var taxonomyRounds: [Double] = []
for _ in 0..<(only == "loader" ? 1 : rounds) {
    let start = cpuSeconds()
    for _ in 0..<copies {
        for article in loaded {
            let title = ScannedText(article.metadata.title)
            let (leadText, restText) = CountryDetector.splitLead(article.bodyText)
            let lead = ScannedText(leadText), rest = ScannedText(restText)
            found += detector.detect(title: title, dek: article.metadata.dek.map(ScannedText.init), dateline: article.metadata.dateline,
                                     lead: lead, rest: rest).subjects.count
            found += tagger.tags(title: title, body: lead + rest).count
        }
    }
    taxonomyRounds.append(cpuSeconds() - start)
}
let taxonomySeconds = median(taxonomyRounds)

let megabytes = Double(bytes * copies) / 1e6
print("\(paths.count) files × \(copies) = \(articles) articles, \(String(format: "%.1f", megabytes)) MB of article text; median of \(rounds) rounds")
print(String(format: "loader:   %.2f s CPU, %.1f MB/s per core (rounds: %@)", loadSeconds, megabytes / loadSeconds,
             loadRounds.map { String(format: "%.1f", megabytes / $0) }.joined(separator: ", ")))
print(String(format: "taxonomy: %.2f s CPU, %.1f MB/s per core (countries and tag candidates)", taxonomySeconds, megabytes / taxonomySeconds))
print(String(format: "both:     %.1f MB/s per core", megabytes / (loadSeconds + taxonomySeconds)))
if found < 0 { print(found) }
