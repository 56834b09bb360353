/// What the exports cannot say: who the customers are, which subscriptions each owns and what
/// each requires. Schema: docs/manifest.md.
public struct EstateManifest: Sendable {
    public var file: String
    public var csp: CloudSolutionProvider?
    public var customers: [Customer]
    public var routers: [RouterDeclaration]
    public var deployments: [TemplateDeployment]

    public init(
        file: String, csp: CloudSolutionProvider? = nil, customers: [Customer] = [],
        routers: [RouterDeclaration] = [], deployments: [TemplateDeployment] = []
    ) {
        self.file = file
        self.csp = csp
        self.customers = customers
        self.routers = routers
        self.deployments = deployments
    }
}

/// The CSP itself: its ASNs and the public prefixes it owns (Microsoft peering may advertise them).
public struct CloudSolutionProvider: Sendable, Hashable {
    public var name: String
    public var asns: [Int]
    public var ownedPrefixes: [IPPrefix]
    public var location: SourceLocation

    public init(name: String, asns: [Int] = [], ownedPrefixes: [IPPrefix] = [], location: SourceLocation) {
        self.name = name
        self.asns = asns
        self.ownedPrefixes = ownedPrefixes
        self.location = location
    }
}

/// How a customer reaches Azure (see the CSP ExpressRoute guidance).
public enum ConnectivityModel: String, Sendable, Hashable, Codable, CaseIterable {
    /// The CSP's network sits between customer and Azure; the CSP terminates the circuit.
    case connectThrough = "connect-through"
    /// The customer connects its own network straight to the CSP-managed subscription.
    case connectTo = "connect-to"
}

/// A customer's posture as the manifest names it: a profile, or an inline mapping.
public enum PostureReference: Sendable, Hashable {
    case profile(String, SourceLocation)
    case inline(Posture, SourceLocation)
}

/// One customer of the CSP.
public struct Customer: Sendable, Hashable {
    public var id: String
    public var name: String
    public var model: ConnectivityModel
    /// Subscription GUIDs, lowercased.
    public var subscriptions: [String]
    public var posture: PostureReference
    /// The posture after profile names are resolved.
    public var resolvedPosture: Posture
    public var ownedPrefixes: [IPPrefix]
    public var asns: [Int]
    public var onPremisesPrefixes: [IPPrefix]
    public var encryptionAppliances: [EncryptionAppliance]
    public var location: SourceLocation

    public init(
        id: String, name: String, model: ConnectivityModel, subscriptions: [String],
        posture: PostureReference, resolvedPosture: Posture, ownedPrefixes: [IPPrefix] = [],
        asns: [Int] = [], onPremisesPrefixes: [IPPrefix] = [],
        encryptionAppliances: [EncryptionAppliance] = [], location: SourceLocation
    ) {
        self.id = id
        self.name = name
        self.model = model
        self.subscriptions = subscriptions
        self.posture = posture
        self.resolvedPosture = resolvedPosture
        self.ownedPrefixes = ownedPrefixes
        self.asns = asns
        self.onPremisesPrefixes = onPremisesPrefixes
        self.encryptionAppliances = encryptionAppliances
        self.location = location
    }
}

/// Appliances (firewalls, VPN boxes) that encrypt a circuit's traffic end to end; the exports
/// cannot show them, so the manifest declares both ends.
public struct EncryptionAppliance: Sendable, Hashable {
    public var circuit: ResourceID
    public var azure: IPAddress
    public var onPremises: String
    public var location: SourceLocation

    public init(circuit: ResourceID, azure: IPAddress, onPremises: String, location: SourceLocation) {
        self.circuit = circuit
        self.azure = azure
        self.onPremises = onPremises
        self.location = location
    }
}

/// What a router config cannot say about the router: who owns it and where it stands.
public struct RouterDeclaration: Sendable, Hashable {
    public enum Owner: Sendable, Hashable {
        case csp
        case customer(String)
    }
    public var name: String
    public var owner: Owner
    public var site: String?
    public var location: SourceLocation

    public init(name: String, owner: Owner, site: String?, location: SourceLocation) {
        self.name = name
        self.owner = owner
        self.site = site
        self.location = location
    }
}

/// Where an ARM template is deployed. A template carries no subscription or resource group of
/// its own, so without this its resources cannot be given real ids or claimed by a customer.
public struct TemplateDeployment: Sendable, Hashable {
    /// The template file, relative to the manifest's folder.
    public var template: String
    public var subscription: String
    public var resourceGroup: String
    /// The parameters file it was deployed with, relative to the manifest's folder; without one,
    /// `<template>.parameters.json` beside the template is used when it exists.
    public var parameters: String?
    public var location: SourceLocation

    public init(template: String, subscription: String, resourceGroup: String, parameters: String? = nil, location: SourceLocation) {
        self.template = template
        self.subscription = subscription
        self.resourceGroup = resourceGroup
        self.parameters = parameters
        self.location = location
    }
}
