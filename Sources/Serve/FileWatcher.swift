#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Watches the site's folders for changes with inotify and calls back once per burst of
/// events: an editor's save-rename-write counts once.
public final class FileWatcher: @unchecked Sendable {
    public let paths: [String]
    public let quietPeriod: Duration
    private let onChange: @Sendable ([String]) -> Void
    private var descriptor: Int32 = -1
    private var watches: [Int32: String] = [:]
    private var thread: Thread?
    private let lock = NSLock()
    private var stopped = false

    /// `paths` are folders (watched with everything below them) or single files.
    public init(paths: [String], quietPeriod: Duration = .milliseconds(60), onChange: @escaping @Sendable ([String]) -> Void) {
        self.paths = paths
        self.quietPeriod = quietPeriod
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
                addWatch((path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent)
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
        var pending: [String] = []
        var lastEvent = ContinuousClock.now
        while !lock.withLock({ stopped }) {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, 20)
            if ready > 0 {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count > 0 {
                    pending += parse(buffer, count: count)
                    lastEvent = .now
                }
            }
            // A burst is over once nothing has happened for the quiet period.
            if !pending.isEmpty, ContinuousClock.now - lastEvent >= quietPeriod {
                let changed = Array(Set(pending)).sorted()
                pending = []
                onChange(changed)
            }
        }
        close(descriptor)
    }

    private func parse(_ buffer: [UInt8], count: Int) -> [String] {
        var changed: [String] = []
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
                changed.append(path)
            }
            offset += headerSize + length
        }
        return changed
    }
    #endif
}
