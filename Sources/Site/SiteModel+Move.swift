import Core
import Foundation
import Taxonomy

extension SiteModel {
    /// An article that a new date put in another place among the others: it had ID `from` and
    /// has `to`; the articles between moved up or down by one to make room. Every list of IDs
    /// is renumbered through `newID`.
    public struct Move: Sendable, Equatable {
        public var from: Int
        public var to: Int

        public init(from: Int, to: Int) {
            self.from = from
            self.to = to
        }

        /// The IDs whose articles changed place (the article's and those it passed).
        public var range: ClosedRange<Int> { min(from, to)...max(from, to) }

        /// The ID that the article with ID `old` before the move has after it.
        public func newID(_ old: Int) -> Int {
            if old == from { return to }
            if from < to, old > from, old <= to { return old - 1 }
            if to < from, old >= to, old < from { return old + 1 }
            return old
        }

        /// Where the article was, numbered as after the move: its old neighbours meet there.
        public var gap: Int { to < from ? from + 1 : from }

        /// The ID before the move of the article with ID `new` after it.
        public func oldID(_ new: Int) -> Int {
            Move(from: to, to: from).newID(new)
        }
    }

    /// Gives one article a date that moves it among the others, or into another month, with
    /// everything else `edited` has besides its tags and countries (which must be as they were):
    /// the article takes its new place, every list of article IDs is renumbered, a tag whose
    /// newest article changed takes that article's spelling, and the archive's months are found
    /// again; how terms go together does not change, since no article's terms did. The model
    /// afterwards is the one `init(config:articles:gazetteer:)` makes of the edited articles.
    /// Nil, with nothing changed, when the edit changes more (its tags or countries, its file,
    /// format or automatic tags, a URL another article has or wanted) or leaves the article where
    /// it was in the same month (`replaceTerms` takes that).
    public mutating func moveArticle(of id: Int, with edited: ArticleMetadata) -> (move: Move, edit: TermEdit)? {
        moveArticle(of: id, with: edited, findingMonths: true)
    }

    /// `findingMonths` false leaves the archive's months as they were, for `findMonths` to
    /// find once after a series of edits replayed.
    mutating func moveArticle(of id: Int, with edited: ArticleMetadata, findingMonths: Bool) -> (move: Move, edit: TermEdit)? {
        let article = articles[id]
        guard edited.tags == article.tags, edited.countries == article.countries,
              let month = editedMonth(of: id, for: edited) else { return nil }
        let move = Move(from: id, to: place(of: edited, without: id))
        let dates = DateText(timeZone: config.timeZone)
        let monthChanged = dates.yearAndMonth(article.date) != dates.yearAndMonth(edited.date)
        guard move.from != move.to || monthChanged else { return nil }

        // Only the articles it passed shift: removing and inserting moved the whole archive's
        // array after each place, twice.
        articles.move(move.from, to: move.to)
        articles[move.to] = edited
        articleMonths.move(move.from, to: move.to)
        articleMonths[move.to] = month
        articleTags.move(move.from, to: move.to)
        articleCountries.move(move.from, to: move.to)
        for index in tags.indices { Self.renumber(&tags[index].articleIDs, by: move) }
        for index in countries.indices { Self.renumber(&countries[index].articleIDs, by: move) }
        var edit = TermEdit()
        edit.dateChanged = true
        edit.move = move
        // A tag is shown as its newest article spells it: this one's, or another's now that it moved.
        edit.renamedTags = respell(articleTags[move.to], aliases: TagAliases(config.tagAliases))
        if findingMonths { findMonths() }
        return (move, edit)
    }

    /// The archive's months and those with pages, from every article's date.
    mutating func findMonths() {
        archive = DateArchive(dates: articles.map(\.date), timeZone: config.timeZone)
        publishedYears = Self.publishedYears(of: archive, config: config)
    }

    /// Where `article` goes among the articles other than `id`, by date and then path.
    private func place(of article: ArticleMetadata, without id: Int) -> Int {
        // A bisection over the others, skipping `id`: they stay in order.
        var low = 0, high = articles.count - 1
        while low < high {
            let middle = (low + high) / 2
            let other = articles[middle < id ? middle : middle + 1]
            if Self.precedes(other, article) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// A term's sorted list of IDs after `move`: only the IDs in its range change, and the list
    /// keeps its order but for the moved article, so only that stretch is sorted again.
    static func renumber(_ ids: inout [Int], by move: Move) {
        let range = move.range
        let start = RelatedArticles.lowerBound(ids, range.lowerBound)
        let end = RelatedArticles.lowerBound(ids, range.upperBound + 1)
        guard start < end else { return }
        var holdsMoved = false
        for position in start..<end {
            holdsMoved = holdsMoved || ids[position] == move.from
            ids[position] = move.newID(ids[position])
        }
        if holdsMoved { ids[start..<end].sort() }
    }
}

extension Array {
    /// Moves the element at `from` to `to`, those between shifting by one place, without
    /// touching the rest of the array.
    mutating func move(_ from: Int, to: Int) {
        precondition(indices.contains(from) && indices.contains(to))
        guard from != to else { return }
        withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            let moved = (base + from).move()
            if from < to {
                (base + from).moveInitialize(from: base + from + 1, count: to - from)
            } else {
                (base + to + 1).moveInitialize(from: base + to, count: from - to)
            }
            (base + to).initialize(to: moved)
        }
    }
}
