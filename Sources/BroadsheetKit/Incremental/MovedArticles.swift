import BuildCache
import Site

/// What the date moves among one build's edits reach, in the model's numbering after all of
/// them. Each move is examined in the model as it made it; an article whose related articles
/// or neighbours differ at the end differs after some move, which found it.
///
/// A later move renumbers only the articles in its range (`Move.newID` maps the range onto
/// itself and leaves every other ID alone), and each set below takes that whole range: so
/// what earlier moves found needs no renumbering, it is the same set either way.
struct MovedArticles {
    /// The moves, in the order the model made them.
    private(set) var moves: [SiteModel.Move] = []
    /// The articles whose related articles a move can change.
    private(set) var relatedAffected: Set<Int> = []
    /// The articles that changed places, whose sitemap entries changed.
    private(set) var passed: Set<Int> = []
    /// Those and the articles on either side, whose pages link their neighbours.
    private(set) var linkingNeighbours: Set<Int> = []

    var isEmpty: Bool { moves.isEmpty }

    /// Takes a move `site` has just made, with the edit of the article that moved.
    mutating func add(_ move: SiteModel.Move, edit: SiteModel.TermEdit, in site: SiteModel) {
        moves.append(move)
        relatedAffected.formUnion(Self.affected(by: move, in: site))
        // Terms the article left with its move: its old neighbours there meet at the gap it left.
        for index in edit.tags { relatedAffected.formUnion(RelatedArticles.affected(byChangeOf: move.gap, in: site.tags[index].articleIDs)) }
        for index in edit.countries {
            relatedAffected.formUnion(RelatedArticles.affected(byChangeOf: move.gap, in: site.countries[index].articleIDs))
        }
        passed.formUnion(move.range)
        linkingNeighbours.formUnion(max(0, move.range.lowerBound - 1)...min(site.articles.count - 1, move.range.upperBound + 1))
    }

    /// Saved related articles, numbered as before the moves, numbered as after them.
    func renumbered(_ related: [Int32]) -> [Int32] {
        moves.reduce(related) { RelatedArticlesStore.renumbered($0, by: $1) }
    }

    /// The articles whose related articles a move can change, besides those near where the
    /// article left and joined its terms' lists: every article it passed, and the articles
    /// within reach of those under each of their terms, whose distances to them in time (by
    /// ID) changed by one. Farther articles see the same neighbours at the same distances.
    private static func affected(by move: SiteModel.Move, in site: SiteModel) -> Set<Int> {
        var affected = Set(move.range)
        // Those within reach of `position` in the lists of the terms of article `id`.
        func near(_ position: Int, inListsOf id: Int) {
            let lists = site.tagIndices(of: id).map { site.tags[$0].articleIDs } + site.countryIndices(of: id).map { site.countries[$0].articleIDs }
            for list in lists { affected.formUnion(RelatedArticles.affected(byChangeOf: position, in: list)) }
        }
        // Where the article was: its old neighbours now meet at the gap it left.
        near(move.gap, inListsOf: move.to)
        for id in move.range { near(id, inListsOf: id) }
        return affected
    }
}
