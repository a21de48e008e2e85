import HardenFormats
import HardenModel
/// `harden doctor`'s output in the formats `harden check` writes: what was learnt about the engine
/// (its facts), then every finding with its check, severity, message and fix.
public enum DoctorReport {
    // MARK: facts

    /// Each fact as a label and a value, in the order the text report prints them.
    static func facts(_ result: Doctor.Result) -> [(String, String)] {
        let input = result.input
        var rows: [(String, String)] = [("endpoint", "\(input.endpoint.address) (\(input.endpoint.source))")]
        if let info = input.info {
            rows.append(("engine", "\(info.engine) \(info.version)" + (info.apiVersion.map { " (API \($0))" } ?? "")))
            rows.append(("rootless", info.rootless ? "yes" : "no"))
            if info.engine == "docker" { rows.append(("user namespace remapping", info.userNamespaceRemap ? "yes" : "no")) }
            rows.append(("seccomp", seccompText(info.seccomp)))
            rows.append(("AppArmor", info.apparmor ? "yes" : "no"))
            rows.append(("SELinux", info.selinux ? "yes" : "no"))
            rows.append(("cgroup", info.cgroupVersion.map { "v\($0)" + (info.cgroupDriver.map { " (\($0))" } ?? "") } ?? "unknown"))
            if let live = info.liveRestore { rows.append(("live-restore", live ? "on" : "off")) }
        } else {
            rows.append(("engine", "\(input.engine): no answer" + (input.unreachable.map { " (\($0))" } ?? "")))
        }
        if let path = input.endpoint.socketPath {
            rows.append(("socket", input.socket.map { "\(path) \(input.owner(of: $0)) \(String($0.mode, radix: 8))" } ?? "\(path) (absent)"))
        }
        return rows
    }

    static func seccompText(_ seccomp: EngineInfo.Seccomp) -> String {
        switch seccomp {
        case .unsupported: "unsupported"
        case .defaultProfile: "the default profile"
        case .unconfined: "off (unconfined)"
        case .custom(let path): "a daemon-wide profile: \(path)"
        }
    }

    static func seccompKey(_ seccomp: EngineInfo.Seccomp) -> String {
        switch seccomp {
        case .unsupported: "unsupported"
        case .defaultProfile: "default"
        case .unconfined: "unconfined"
        case .custom: "custom"
        }
    }

    static func summary(_ result: Doctor.Result) -> String {
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        return "\(count(result.errors, "error")), \(count(result.warnings, "warning")), \(count(result.notes, "note"))"
    }

    // MARK: text

    public static func text(_ result: Doctor.Result) -> String {
        var text = "harden doctor: \(result.input.engine)\n"
        let rows = facts(result)
        let width = (rows.map(\.0.count).max() ?? 0) + 2
        for (label, value) in rows {
            text += "  " + label + ":" + String(repeating: " ", count: max(1, width - label.count - 1)) + value + "\n"
        }
        if !result.findings.isEmpty { text += "findings\n" }
        for finding in result.findings {
            let position = finding.position.description
            text += "  \(position.isEmpty ? result.input.engine : position): \(finding.severity.rawValue) \(finding.ruleID): \(finding.message)\n"
            if let why = DoctorCheckTable.check(finding.ruleID)?.why { text += "    why: \(why)\n" }
            text += "    fix: \(finding.fix)\n"
        }
        text += "harden doctor: \(summary(result)): \(result.errors > 0 ? "problems found" : "no errors")\n"
        return text
    }

    // MARK: json

    public static func json(_ result: Doctor.Result) -> String {
        let input = result.input
        var engine: [(String, JSONNode)] = [("name", .str(input.engine)), ("reachable", .bool(input.info != nil))]
        if let unreachable = input.unreachable, input.info == nil { engine.append(("error", .str(unreachable))) }
        if let info = input.info {
            engine += [
                ("version", .str(info.version)),
                ("apiVersion", info.apiVersion.map(JSONNode.str) ?? .null),
                ("rootless", .bool(info.rootless)),
                ("userNamespaceRemap", .bool(info.userNamespaceRemap)),
                ("seccomp", .str(seccompKey(info.seccomp))),
                ("seccompProfile", { if case .custom(let path) = info.seccomp { return .str(path) } else { return .null } }()),
                ("apparmor", .bool(info.apparmor)),
                ("selinux", .bool(info.selinux)),
                ("cgroupVersion", info.cgroupVersion.map(JSONNode.str) ?? .null),
                ("cgroupDriver", info.cgroupDriver.map(JSONNode.str) ?? .null),
                ("liveRestore", info.liveRestore.map(JSONNode.bool) ?? .null),
                ("insecureRegistries", .arr(info.insecureRegistries.map(JSONNode.str))),
            ]
        }
        var socket = JSONNode.null
        if let path = input.endpoint.socketPath {
            if let status = input.socket {
                socket = .obj([
                    ("path", .str(path)), ("present", .bool(true)),
                    ("owner", .str(input.users.userName(status.uid) ?? String(status.uid))), ("uid", .int(status.uid)),
                    ("group", .str(input.users.groupName(status.gid) ?? String(status.gid))), ("gid", .int(status.gid)),
                    // As `stat -c %a` prints it.
                    ("mode", .str(String(status.mode, radix: 8))),
                ])
            } else {
                socket = .obj([("path", .str(path)), ("present", .bool(false))])
            }
        }
        return JSONWriter.pretty(.obj([
            ("harden", .str(HardenVersion.current)),
            ("verdict", .str(result.errors > 0 ? "problems" : "ok")),
            ("errors", .int(result.errors)),
            ("warnings", .int(result.warnings)),
            ("notes", .int(result.notes)),
            ("engine", .obj(engine)),
            ("endpoint", .obj([
                ("address", .str(input.endpoint.address)), ("source", .str(input.endpoint.source)),
                ("transport", .str(input.endpoint.transport.rawValue)),
            ])),
            ("socket", socket),
            ("findings", .arr(result.findings.map(finding))),
        ]))
    }

    /// As `harden check` writes a finding, with the check's reason beside its fix.
    static func finding(_ finding: Finding) -> JSONNode {
        var node = JSONReport.finding(finding)
        if case .object(var members) = node.kind, let why = DoctorCheckTable.check(finding.ruleID)?.why {
            let at = members.firstIndex { $0.key == "fix" } ?? members.count
            members.insert(JSONMember(key: "why", keyLocation: SourceLocation(line: 0, column: 0), value: .str(why)), at: at)
            node.kind = .object(members)
        }
        return node
    }

    // MARK: sarif

    public static func sarif(_ result: Doctor.Result) -> String {
        let checks = DoctorCheckTable.all
        let results = result.findings.map { finding in
            SARIFReport.result(finding, name: "\(result.input.engine) engine", ruleIndex: checks.firstIndex { $0.id == finding.ruleID } ?? 0)
        }
        let facts = JSONNode.obj(facts(result).map { ($0.0, JSONNode.str($0.1)) })
        return SARIFReport.document(rules: checks.map { SARIFReport.descriptor(.init(hostCheck: $0.id, severity: $0.severity, summary: $0.summary, why: $0.why, fix: $0.fix, cis: $0.cis)) }, results: results, properties: facts)
    }
}
