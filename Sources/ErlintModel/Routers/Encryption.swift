/// IKE phase 1 proposal: the algorithms the encryption rules judge (DES, 3DES, MD5, SHA1 and DH
/// groups below 14 are weak).
public struct IKEProposal: Sendable, Hashable {
    public var name: String
    public var encryption: String?
    public var integrity: String?
    public var dhGroup: String?
    public var authenticationMethod: String?
    public var location: SourceLocation
    public init(name: String, location: SourceLocation) {
        self.name = name
        self.location = location
    }
}

public struct IKEPolicy: Sendable, Hashable {
    public var name: String
    public var proposals: [String] = []
    /// A vendor's predefined set (Junos `proposal-set standard|compatible|basic`).
    public var proposalSet: String?
    public var mode: String?
    public var location: SourceLocation
    public init(name: String, location: SourceLocation) {
        self.name = name
        self.location = location
    }
}

/// The far end of an IKE negotiation.
public struct IKEGateway: Sendable, Hashable {
    public var name: String
    public var policy: String?
    public var addresses: [IPAddress] = []
    public var localAddress: IPAddress?
    public var externalInterface: String?
    /// `v1-only`, `v2-only`, or nil (the vendor's default: IKEv1 on Junos).
    public var version: String?
    public var location: SourceLocation
    public init(name: String, location: SourceLocation) {
        self.name = name
        self.location = location
    }
}

public struct IPsecProposal: Sendable, Hashable {
    public var name: String
    public var encryption: String?
    public var integrity: String?
    public var protocolName: String?
    public var location: SourceLocation
    public init(name: String, location: SourceLocation) {
        self.name = name
        self.location = location
    }
}

public struct IPsecPolicy: Sendable, Hashable {
    public var name: String
    public var proposals: [String] = []
    public var proposalSet: String?
    /// The PFS DH group (`group14`…); nil when PFS is off.
    public var pfsGroup: String?
    public var location: SourceLocation
    public init(name: String, location: SourceLocation) {
        self.name = name
        self.location = location
    }
}

/// An IPsec tunnel (Junos `security ipsec vpn`): which gateway and policy protect it.
public struct IPsecTunnel: Sendable, Hashable {
    public var name: String
    public var gateway: String?
    public var policy: String?
    public var bindInterface: String?
    public var location: SourceLocation
    public init(name: String, location: SourceLocation) {
        self.name = name
        self.location = location
    }
}

/// A MACsec connectivity association and the interfaces that use it. ExpressRoute Direct links
/// need GCM-AES-256 (or XPN-256) on the router side as on Azure's.
public struct MACsecAssociation: Sendable, Hashable {
    public var name: String
    public var cipherSuite: String?
    public var securityMode: String?
    /// A pre-shared CAK/CKN is set (never kept).
    public var hasPreSharedKey = false
    public var interfaces: [String] = []
    public var location: SourceLocation
    public init(name: String, location: SourceLocation) {
        self.name = name
        self.location = location
    }
}
