extension EstateNode {
    /// What a finding calls this node: the Azure resource id, or a readable path for things that
    /// have none (`<peering id>/links/primary`, `router/edge-1/sessions/VRF-A/172.16.0.2`).
    public var subject: String {
        switch payload {
        case .resource(let r): return r.id.text
        case .link(let l): return l.peering.text + "/links/" + name
        case .customer(let c): return "customer/" + c.id
        case .subscription(let s): return "/subscriptions/" + s
        case .router(let r): return "router/" + r.config.name
        case .routerInterface(let r, let i): return "router/" + r.config.name + "/interfaces/" + r.config.interfaces[i].name
        case .session(let r, let i):
            let s = r.config.sessions[i]
            return "router/" + r.config.name + "/sessions/" + (s.routingInstance ?? "global") + "/" + s.neighbor.description
        case .routingInstance(let r, let i): return "router/" + r.config.name + "/instances/" + r.config.routingInstances[i].name
        }
    }
}
