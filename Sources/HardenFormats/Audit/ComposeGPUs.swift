import HardenModel

/// Compose's GPU requests (`gpus`, and `deploy.resources.reservations.devices` asking for the `gpu`
/// capability), read into the plan as the `--gpus` values docker would be given, so `gpu-access`
/// names them on every door. A request harden cannot put in those words (driver options, another
/// capability, an unknown key) stays not understood.
extension ServiceReading {
    static let gpuRequestKeys: Set<String> = ["driver", "count", "device_ids", "capabilities"]

    mutating func gpus(_ value: StrictReader, reservation: Bool) throws(HardenError) {
        if !reservation, value.node.arrayValue == nil {
            let text = try value.string()
            guard text == "all" else {
                notUnderstood("\(value.keyPath): gpus \"\(text)\" is not all or a list of requests; write gpus: all or list the device_ids", at: value.node.location)
                return
            }
            plan.engine.engineOnly.append(.init(option: "gpus", value: "all"))
            place(.engineOption("gpus"), value)
            return
        }
        for item in try value.elements() {
            let unknown = ComposeTopLevel.unknownKeys(item, known: Self.gpuRequestKeys)
            if !unknown.isEmpty {
                notUnderstood(unknown)
                continue
            }
            let capabilities = try item.child("capabilities")?.strings() ?? []
            if reservation, !capabilities.contains("gpu") {
                notUnderstood("\(item.keyPath): a device reservation without the gpu capability gives host devices harden does not judge; remove it", at: item.node.location)
                continue
            }
            var selection = "all"
            if let ids = item.child("device_ids") {
                selection = "device=" + (try ids.strings()).joined(separator: ",")
            } else if let count = item.child("count") {
                if let number = count.node.intValue, number >= 0 {
                    selection = String(number)
                } else if try count.string() != "all" {
                    notUnderstood("\(count.keyPath): a GPU count is a number or all", at: count.node.location)
                    continue
                }
            }
            plan.engine.engineOnly.append(.init(option: "gpus", value: selection))
            place(.engineOption("gpus"), item)
        }
    }
}
