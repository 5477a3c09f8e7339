import BuildCache

/// How a build keeps what it learns for the next one.
public enum BuildMode: Sendable {
    /// `broadsheet build` and the library's callers: readings, the site model, fingerprints and
    /// summaries are kept in the cache folder, from one process to the next. With `endsProcess`
    /// the process ends with the build, and its model is left for the exit to reclaim
    /// (`MemoryLeftToExit`) rather than freed piece by piece.
    case command(endsProcess: Bool)
    /// The preview server: readings and the last build's state are kept in memory between its
    /// builds, so that an edit re-renders only the pages that show it.
    case preview(PreviewMemory)

    /// What the preview server keeps, when the build is one of its.
    var preview: PreviewMemory? {
        if case .preview(let memory) = self { memory } else { nil }
    }

    var endsProcess: Bool {
        if case .command(let endsProcess) = self { endsProcess } else { false }
    }
}

/// What the preview server keeps between its builds.
public struct PreviewMemory: Sendable {
    /// Each content file's reading, by path and stamp.
    public let readings: LoadCache
    /// What the last build knew: the site model, the plan, the templates.
    public let session: BuildSession
    /// Called by a quick rebuild of edited tags, countries or dates once the edited articles'
    /// own pages are written, with their paths: the preview reloads the page an author is
    /// looking at first, and the term, list and neighbouring pages after.
    public var editedPagesWritten: (@Sendable ([String]) -> Void)?

    public init(readings: LoadCache = LoadCache(), session: BuildSession = BuildSession(),
                editedPagesWritten: (@Sendable ([String]) -> Void)? = nil) {
        self.readings = readings
        self.session = session
        self.editedPagesWritten = editedPagesWritten
    }
}

/// Whom a build tells how it goes.
public struct BuildHooks: Sendable {
    /// Called as the load and render phases advance, from any thread.
    public var progress: (@Sendable (BuildProgress) -> Void)?
    /// Called, with the cache folder, when another build of the site is running: this one
    /// waits for it to finish (see `SiteBuilder.holdingBuildLock`).
    public var waitingForOtherBuild: (@Sendable (String) -> Void)?

    public init(progress: (@Sendable (BuildProgress) -> Void)? = nil, waitingForOtherBuild: (@Sendable (String) -> Void)? = nil) {
        self.progress = progress
        self.waitingForOtherBuild = waitingForOtherBuild
    }
}
