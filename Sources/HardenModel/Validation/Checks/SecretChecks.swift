/// Rules about secrets passed as files: who, in the container and on the host, can read them.
package enum SecretChecks {
    static func unreadable(_ plan: LaunchPlan, _ context: RuleContext) -> [Hit] {
        // Most launches pass no secret: skip working out the process's ids for them.
        guard !plan.secrets.isEmpty, let process = SecretAccess(plan) else { return [] }
        return plan.secrets.compactMap { secret in
            guard let file = context.host.fileStatus(secret.source), process.canRead(file) == .no else { return nil }
            let path = ShellQuote.quote(secret.source)
            let via = process.mapped.map { " (\($0))" } ?? ""
            let fix = process.gid.map { "chgrp \($0) \(path) && chmod 0440 \(path): the container's group reads it, other host users do not" }
                ?? "chown \(process.uid) \(path) && chmod 0400 \(path): the container's user reads it, other host users do not"
            return Hit("the container's user \(process.shown)\(via) cannot read the secret \(secret.name): \(secret.source) is owned by \(file.uid):\(file.gid) with mode \(file.octalMode)",
                       .secret(secret.name),
                       fix: fix + "; where the engine remaps ids (userns-remap, a rootless engine) use the ids it maps them to, and set secret-unreadable to warning in the policy")
        }
    }

    static func readableByOthers(_ plan: LaunchPlan, _ context: RuleContext) -> [Hit] {
        guard !plan.secrets.isEmpty else { return [] }
        let group = SecretAccess(plan)?.gid
        return plan.secrets.compactMap { secret in
            guard let file = context.host.fileStatus(secret.source), file.mode & 0o004 != 0 else { return nil }
            let path = ShellQuote.quote(secret.source)
            let fix = group.map { "chgrp \($0) \(path) && chmod 0440 \(path): the container's group reads it, other host users do not" }
                ?? "chmod o-rwx \(path)"
            return Hit("every user of this host can read the secret \(secret.name): \(secret.source) has mode \(file.octalMode)", .secret(secret.name), fix: fix)
        }
    }
}
