/// Rules about the image reference.
enum ImageChecks {
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
        let reference = ImageReference(plan.image)
        let ok = allowed.contains { entry in
            let entry = entry.hasSuffix("/") ? String(entry.dropLast()) : entry
            return reference.registry == entry || reference.repository.hasPrefix(entry + "/")
        }
        return ok ? [] : [Hit("the image \(plan.image) comes from \(reference.registry), which the policy does not allow (allowed: \(allowed.joined(separator: ", ")))", .image)]
    }

    static func digest(_ plan: LaunchPlan, _ context: RuleContext) -> [Hit] {
        guard context.policy.requireDigest, !plan.image.isEmpty, ImageReference(plan.image).digest == nil else { return [] }
        return [Hit("the image \(plan.image) is not pinned by digest, and the policy requires digests", .image)]
    }
}
