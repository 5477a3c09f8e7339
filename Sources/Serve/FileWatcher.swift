#if canImport(Glibc)
import Glibc
#endif
import Core
import Foundation

/// Watches the site's folders for changes with inotify and calls back once per burst of
/// events: an editor's save-rename-write counts once.
///
/// A burst ends sooner when every file in it was last seen finished — written and closed,
/// moved into place or removed — than when a file is still open for writing: a save shows in
/// the preview a few milliseconds after it, while a file written piece by piece is not read
/// half-written.
public final class FileWatcher: @unchecked Sendable {
    public let paths: [String]
    /// How long nothing must happen before a burst with a file still being written is over.
    public let quietPeriod: Duration
    /// How long nothing must happen before a burst whose files are all finished is over: an
    /// editor's last steps after the write (removing its backup) come within it.
    public let settlePeriod: Duration
    private let onChange: @Sendable ([String]) -> Void
    private var descriptor: Int32 = -1
    private var watches: [Int32: String] = [:]
    private var thread: Thread?
    private let lock = NSLock()
    private var stopped = false

    /// `paths` are folders (watched with everything below them) or single files.
    public init(paths: [String], quietPeriod: Duration = .milliseconds(60), settlePeriod: Duration = .milliseconds(8),
                onChange: @escaping @Sendable ([String]) -> Void) {
        self.paths = paths
        self.quietPeriod = quietPeriod
        self.settlePeriod = min(settlePeriod, quietPeriod)
        self.onChange = onChange
    }

    public func start() throws {
        #if canImport(Glibc)
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { throw WatchError.unavailable(String(cString: strerror(errno))) }
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                addTree(path)
            } else {
                // A single file (site.yml) is watched through its folder, so a save-by-rename is seen.
                let folder = parentFolder(of: path)
                addWatch(folder.isEmpty ? "." : folder)
            }
        }
        let thread = Thread { [weak self] in self?.loop() }
        thread.name = "broadsheet-watch"
        self.thread = thread
        thread.start()
        #else
        throw WatchError.unavailable("file watching needs inotify (Linux)")
        #endif
    }

    public func stop() {
        lock.withLock { stopped = true }
    }

    public enum WatchError: Error, CustomStringConvertible {
        case unavailable(String)
        public var description: String {
            switch self {
            case .unavailable(let reason): return "cannot watch files: \(reason)"
            }
        }
    }

    #if canImport(Glibc)
    private static let mask = UInt32(IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_MODIFY | IN_DELETE_SELF)
    /// Events after which nothing more is written to the path: a file closed after writing,
    /// moved in or out, removed. A folder's events all count as finished: what is written into
    /// it has events of its own.
    private static let finishing = UInt32(IN_CLOSE_WRITE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF)

    private func addTree(_ root: String) {
        addWatch(root)
        // A content folder that is a link to the articles elsewhere is watched where it leads:
        // the enumerator does not descend into a linked root.
        let root = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return }
        for case let relative as String in enumerator {
            let path = (root as NSString).appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                addWatch(path)
            }
        }
    }

    private func addWatch(_ path: String) {
        let watch = inotify_add_watch(descriptor, path, Self.mask)
        if watch >= 0 { lock.withLock { watches[watch] = path } }
    }

    private func loop() {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var pending: Set<String> = []
        // The pending paths whose last event leaves them open for more writing.
        var unfinished: Set<String> = []
        var lastEvent = ContinuousClock.now
        // A burst is over once nothing has happened for this long.
        func wait() -> Duration { unfinished.isEmpty ? settlePeriod : quietPeriod }
        while !lock.withLock({ stopped }) {
            var timeout: Int32 = 20
            if !pending.isEmpty {
                let left = lastEvent + wait() - .now
                timeout = left <= .zero ? 0 : Int32(min(20, (left / .milliseconds(1)).rounded(.up)))
            }
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            if poll(&poller, 1, timeout) > 0 {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count > 0 {
                    for (path, finished) in parse(buffer, count: count) {
                        pending.insert(path)
                        if finished { unfinished.remove(path) } else { unfinished.insert(path) }
                    }
                    lastEvent = .now
                }
            }
            if !pending.isEmpty, ContinuousClock.now - lastEvent >= wait() {
                let changed = pending.sorted()
                pending = []
                unfinished = []
                onChange(changed)
            }
        }
        close(descriptor)
    }

    /// The paths the events in `buffer` name, each with whether it is finished (`finishing`).
    private func parse(_ buffer: [UInt8], count: Int) -> [(path: String, finished: Bool)] {
        var changed: [(path: String, finished: Bool)] = []
        var offset = 0
        let headerSize = MemoryLayout<inotify_event>.size
        while offset + headerSize <= count {
            let (watch, mask, length) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                return (event.wd, event.mask, Int(event.len))
            }
            let nameBytes = buffer[(offset + headerSize)..<min(count, offset + headerSize + length)].prefix { $0 != 0 }
            let name = String(decoding: nameBytes, as: UTF8.self)
            let folder = lock.withLock { watches[watch] } ?? ""
            let path = name.isEmpty ? folder : (folder as NSString).appendingPathComponent(name)
            // New folders are watched too, with whatever was written into them meanwhile.
            if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                addTree(path)
            }
            if !name.hasPrefix(".") && !name.hasSuffix("~") && !name.hasSuffix(".swp") {
                changed.append((path, mask & Self.finishing != 0 || mask & UInt32(IN_ISDIR) != 0))
            }
            offset += headerSize + length
        }
        return changed
    }
    #endif
}
