/// The output paths of a build as a case-insensitive file system (macOS's default, Windows) sees them: paths and folders
/// that differ only in case (`Pic.png` and `pic.png`, `Docs/` and `docs/`) are one there, so one file would overwrite
/// the other and two folders would merge. The build claims the paths it generates first, then each copied file's path
/// and folders in content order; a later spelling of a path claimed already is refused, naming the earlier claim.
struct CaseFoldedPaths {
    /// Who claimed a path.
    enum Owner: Equatable {
        /// The build itself (`companies/`, `feed.xml`, the home page).
        case generated
        /// A file under `Content/`, by its display path.
        case input(String)
    }

    /// An earlier claim that a new path runs into.
    struct Conflict: Equatable {
        /// The new path's part that collides ("Docs/" for a folder, "Docs/a.png" for the file itself).
        var spelling: String
        /// The same part as claimed before ("docs/").
        var claimed: String
        /// Who claimed it.
        var owner: Owner
    }

    /// The folders the build generates at the top of the output folder, into which nothing from `Content/` is copied.
    static let generatedFolders = ["companies", "quarters", "speakers", "assets", "search", "events"]

    /// One claimed file or folder: its path as spelt (a folder's without its slash), and who claimed it.
    private struct Claim {
        var name: String
        var isFolder: Bool
        var owner: Owner

        /// The path for messages: a folder's with its slash ("docs/").
        var spelling: String { isFolder ? name + "/" : name }
    }

    /// Claims by folded name, so that a file and a folder of one name meet too.
    private var claims: [String: Claim] = [:]

    /// Claims `path` for `owner`, and each folder it is in. Returns the first part of it that another spelling has
    /// claimed, claiming nothing then.
    mutating func claim(_ path: OutputPath, by owner: Owner) -> Conflict? {
        let components = path.components
        let parts = components.indices.map { end in
            Claim(name: components[...end].joined(separator: "/"), isFolder: end < components.count - 1, owner: owner)
        }
        for part in parts {
            // Swift compares strings by canonical equivalence, so bytes tell a decomposed é from a composed one,
            // which a file system that ignores normalisation (APFS) also takes for one name.
            if let earlier = claims[part.name.lowercased()], !earlier.name.utf8.elementsEqual(part.name.utf8) {
                return Conflict(spelling: part.spelling, claimed: earlier.spelling, owner: earlier.owner)
            }
        }
        for part in parts where claims[part.name.lowercased()] == nil { claims[part.name.lowercased()] = part }
        return nil
    }

    /// Claims a generated folder (`companies/`) for the build.
    mutating func claimGeneratedFolder(_ name: String) {
        claims[name.lowercased()] = Claim(name: name, isFolder: true, owner: .generated)
    }
}
