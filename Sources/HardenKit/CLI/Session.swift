import Foundation

/// What every profile-reading command sets up the same way: the search path and the repository.
struct Session {
    var options: HardenOptions
    var console: Console

    var repository: ProfileRepository {
        ProfileRepository(searchPath: SearchPath.standard(
            flags: options.profileDirectories, environment: console.environment,
            currentDirectory: console.currentDirectory))
    }

    /// The profile with the user's docker run options applied, checked against the hard rejections.
    /// `argumentNumber` maps a position in `docker` to the number messages show for it.
    func plan(
        profile name: String, docker: [String], requireImage: Bool = true, argumentNumber: @escaping (Int) -> Int = { $0 + 1 }
    ) throws(HardenError) -> (ResolvedProfile, LaunchPlan) {
        let resolved = try repository.resolve(name)
        let parsed: ParsedRun
        do {
            parsed = try DockerRunParser.parse(docker, requireImage: requireImage)
        } catch {
            // The parser numbers arguments from 0 within the docker part; show the user's numbering.
            let shown = "(argument \(argumentNumber(error.position)))"
            throw .input(error.message.replacingOccurrences(of: "(argument \(error.position))", with: shown))
        }
        var notes: [String] = []
        let plan = try PlanBuilder.plan(for: resolved.profile, userOptions: parsed, notes: &notes, argumentNumber: argumentNumber)
        for note in notes { console.warn(note) }
        let refusals = HardRejections.check(plan)
        if !refusals.isEmpty {
            throw .rejected("refusing to run: " + refusals.joined(separator: "; and "))
        }
        return (resolved, plan)
    }

    /// Numbers arguments as the user typed them: the command name is argument 1.
    static func numbering(origins: [Int], total: Int) -> (Int) -> Int {
        { position in (position < origins.count ? origins[position] : total) + 2 }
    }
}
