/// Rules about the image reference.
package enum ImageChecks {
    static func unpinned(_ plan: LaunchPlan, _ context: RuleContext) -> [Hit] {
        guard !plan.image.isEmpty else { return [] }
        let reference = ImageReference(plan.image)
        guard reference.digest == nil else { return [] }
        if reference.tag == nil { return [Hit("the image \(plan.image) has no tag, so it means whatever :latest is on the day it is pulled", .image)] }
        if reference.tag == "latest" { return [Hit("the image \(plan.image) uses :latest, which changes under you", .image)] }
        return []
    }

    static func registry(_ plan: LaunchPlan, _ context: RuleContext) -> [Hit] {
        guard let allowed = context.policy.allowedRegistries, !plan.image.isEmpty else { return [] }
        // Not split into parts harden cannot vouch for: what docker would refuse, or would look up
        // by ID among local images wherever they came from, is outside any allow-list.
        if let problem = ImageReference.problem(with: plan.image) {
            return [Hit("the image \(plan.image) is not a reference docker accepts (\(problem)), so its registry cannot be checked", .image)]
        }
        if ImageReference.isImageID(plan.image) {
            return [Hit("the image \(plan.image) is a local image ID, whose registry the policy cannot check (allowed: \(allowed.joined(separator: ", ")))", .image)]
        }
        let reference = ImageReference(plan.image)
        let ok = allowed.contains { written in
            let entry = allowance(written)
            return reference.registry == entry || reference.repository == entry || reference.repository.hasPrefix(entry + "/")
        }
        return ok ? [] : [Hit("the image \(plan.image) comes from \(reference.registry), which the policy does not allow (allowed: \(allowed.joined(separator: ", ")))", .image)]
    }

    /// A policy entry as the references it is compared with are spelt: the registry host in lower
    /// case, Docker Hub's other names folded, no trailing slash.
    static func allowance(_ written: String) -> String {
        var entry = written.hasSuffix("/") ? String(written.dropLast()) : written
        let parts = entry.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let host = ImageReference.foldedHost(String(parts[0]))
        entry = parts.count == 2 ? host + "/" + parts[1] : host
        return entry
    }

    static func digest(_ plan: LaunchPlan, _ context: RuleContext) -> [Hit] {
        guard context.policy.requireDigest, !plan.image.isEmpty else { return [] }
        let reference = ImageReference(plan.image)
        if reference.hasWellFormedDigest { return [] }
        if let digest = reference.digest {
            return [Hit("the image \(plan.image) names the digest \(digest), which is not sha256: followed by 64 lower-case hex digits, so it pins nothing", .image)]
        }
        return [Hit("the image \(plan.image) is not pinned by digest, and the policy requires digests", .image)]
    }
}
