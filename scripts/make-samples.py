#!/usr/bin/env python3
"""Writes samples/contoso (a CSP estate with planted faults) and samples/clean (no faults).

Each customer's exports use the shape a different real tool produces, so the samples exercise
every input shape erlint reads:
  fabrikam   `az network ... list` output: arrays of resources with `properties` flattened away
  woodgrove  REST API list responses {"value": [...]}, and a REST example wrapper (responses/200/body)
  tailspin   Azure Resource Graph results {"count": n, "data": [...]}, types and ids lowercased
  northwind  an ARM template export (`az group export`), names as parameters, nested child resources
  legacy     an unclaimed subscription nobody lists in the manifest
Run from the repository root: python3 scripts/make-samples.py. The planted faults are listed in
samples/README.md; keep the two in step.
"""
import json
import os

FAB1 = "11111111-1111-1111-1111-000000000001"
FAB2 = "11111111-1111-1111-1111-000000000002"
WG1 = "22222222-2222-2222-2222-000000000001"
TS1 = "33333333-3333-3333-3333-000000000001"
NW1 = "44444444-4444-4444-4444-000000000001"
LEG = "99999999-9999-9999-9999-000000000001"
AD1 = "55555555-5555-5555-5555-000000000001"


def rid(sub, rg, typ, *names):
    parts = typ.split("/")
    out = f"/subscriptions/{sub}/resourceGroups/{rg}/providers/{parts[0]}"
    for t, n in zip(parts[1:], names):
        out += f"/{t}/{n}"
    return out


def ref(i):
    return {"id": i}


def resource(sub, rg, typ, name, props, location="westeurope", flatten=False, **top):
    r = {"id": rid(sub, rg, typ, *name.split("/")), "name": name.split("/")[-1], "type": typ,
         "location": location, "resourceGroup": rg}
    r.update(top)
    if flatten:
        r.update(props)  # the az CLI lifts properties to the top level
    else:
        r["properties"] = props
    return r


def peering(circuit_id, kind, props, flatten=False):
    p = {"id": f"{circuit_id}/peerings/{kind}", "name": kind,
         "type": "Microsoft.Network/expressRouteCircuits/peerings"}
    body = {"peeringType": kind, "state": "Enabled", "azureASN": 12076, **props}
    if flatten:
        p.update(body)
    else:
        p["properties"] = body
    return p


def subnet(vnet_id, name, prefix, flatten=False, **props):
    s = {"id": f"{vnet_id}/subnets/{name}", "name": name, "type": "Microsoft.Network/virtualNetworks/subnets"}
    body = {"addressPrefix": prefix, **props}
    if flatten:
        s.update(body)
    else:
        s["properties"] = body
    return s


def route(table_id, name, prefix, hop, ip=None, flatten=False):
    body = {"addressPrefix": prefix, "nextHopType": hop}
    if ip:
        body["nextHopIpAddress"] = ip
    r = {"id": f"{table_id}/routes/{name}", "name": name, "type": "Microsoft.Network/routeTables/routes"}
    if flatten:
        r.update(body)
    else:
        r["properties"] = body
    return r


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(data, f, indent=2)
        f.write("\n")


def fabrikam(root):
    """az CLI output, flattened. Connect-through over the CSP's circuit; posture strict."""
    rg = "rg-fab-network"
    er = rid(FAB1, rg, "Microsoft.Network/expressRouteCircuits", "er-fab-ams")
    circuits = [resource(FAB1, rg, "Microsoft.Network/expressRouteCircuits", "er-fab-ams", {
        "serviceProviderProperties": {"serviceProviderName": "Equinix", "peeringLocation": "Amsterdam",
                                      "bandwidthInMbps": 1000},
        "serviceProviderProvisioningState": "Provisioned", "circuitProvisioningState": "Enabled",
        "globalReachEnabled": False, "provisioningState": "Succeeded",
        "peerings": [
            peering(er, "AzurePrivatePeering", {
                "peerASN": 64500, "primaryPeerAddressPrefix": "172.16.0.0/30",
                "secondaryPeerAddressPrefix": "172.16.0.4/30", "vlanId": 100, "sharedKey": "not-in-sample"},
                flatten=True),
            peering(er, "MicrosoftPeering", {
                "peerASN": 64500, "primaryPeerAddressPrefix": "203.0.113.0/30",
                "secondaryPeerAddressPrefix": "203.0.113.4/30", "vlanId": 200,
                "microsoftPeeringConfig": {"advertisedPublicPrefixes": ["198.51.100.0/24", "10.20.0.0/24"],
                                           "advertisedPublicPrefixesState": "ValidationNeeded",
                                           "customerASN": 64510, "routingRegistryName": "ARIN"}},
                flatten=True),
        ],
        "authorizations": [],
    }, flatten=True, sku={"name": "Standard_MeteredData", "tier": "Standard", "family": "MeteredData"})]
    hub = rid(FAB1, rg, "Microsoft.Network/virtualNetworks", "vnet-fab-hub")
    app = rid(FAB2, "rg-fab-app", "Microsoft.Network/virtualNetworks", "vnet-fab-app")
    rt_gw = rid(FAB1, rg, "Microsoft.Network/routeTables", "rt-fab-gateway")
    rt_spoke = rid(FAB1, rg, "Microsoft.Network/routeTables", "rt-fab-spoke")
    rt_db = rid(FAB2, "rg-fab-app", "Microsoft.Network/routeTables", "rt-fab-db")
    nsg = rid(FAB2, "rg-fab-app", "Microsoft.Network/networkSecurityGroups", "nsg-fab-web")
    gw = rid(FAB1, rg, "Microsoft.Network/virtualNetworkGateways", "ergw-fab-hub")
    vnets = [
        resource(FAB1, rg, "Microsoft.Network/virtualNetworks", "vnet-fab-hub", {
            "addressSpace": {"addressPrefixes": ["10.10.0.0/16"]},
            "subnets": [
                subnet(hub, "GatewaySubnet", "10.10.0.0/27", flatten=True, routeTable=ref(rt_gw)),
                subnet(hub, "AzureFirewallSubnet", "10.10.1.0/26", flatten=True),
                subnet(hub, "snet-shared", "10.10.2.0/24", flatten=True, routeTable=ref(rt_spoke)),
                subnet(hub, "snet-nva", "10.10.3.0/24", flatten=True),
            ],
            "virtualNetworkPeerings": [{
                "id": f"{hub}/virtualNetworkPeerings/hub-to-app", "name": "hub-to-app",
                "remoteVirtualNetwork": ref(app), "allowGatewayTransit": True, "useRemoteGateways": False,
                "allowForwardedTraffic": True, "peeringState": "Connected"}],
        }, flatten=True),
        resource(FAB2, "rg-fab-app", "Microsoft.Network/virtualNetworks", "vnet-fab-app", {
            "addressSpace": {"addressPrefixes": ["10.11.0.0/16"]},
            "subnets": [
                subnet(app, "snet-web", "10.11.1.0/24", flatten=True, routeTable=ref(rt_spoke),
                       networkSecurityGroup=ref(nsg)),
                subnet(app, "snet-db", "10.11.2.0/24", flatten=True, routeTable=ref(rt_db)),
            ],
            "virtualNetworkPeerings": [{
                "id": f"{app}/virtualNetworkPeerings/app-to-hub", "name": "app-to-hub",
                "remoteVirtualNetwork": ref(hub), "allowGatewayTransit": False, "useRemoteGateways": True,
                "allowForwardedTraffic": True, "peeringState": "Connected"}],
        }, flatten=True),
    ]
    tables = [
        resource(FAB1, rg, "Microsoft.Network/routeTables", "rt-fab-gateway", {
            "disableBgpRoutePropagation": True,
            "routes": [route(rt_gw, "default-to-firewall", "0.0.0.0/0", "VirtualAppliance", "10.10.1.4", True)],
            "subnets": [ref(f"{hub}/subnets/GatewaySubnet")]}, flatten=True),
        resource(FAB1, rg, "Microsoft.Network/routeTables", "rt-fab-spoke", {
            "disableBgpRoutePropagation": False,
            "routes": [route(rt_spoke, "default-to-firewall", "0.0.0.0/0", "VirtualAppliance", "10.10.1.4", True)],
            "subnets": [ref(f"{hub}/subnets/snet-shared"), ref(f"{app}/subnets/snet-web")]}, flatten=True),
        resource(FAB2, "rg-fab-app", "Microsoft.Network/routeTables", "rt-fab-db", {
            "disableBgpRoutePropagation": True,
            "routes": [route(rt_db, "default-to-nva", "0.0.0.0/0", "VirtualAppliance", "10.10.3.9", True),
                       route(rt_db, "onprem-to-nva", "10.20.0.0/16", "VirtualAppliance", "10.10.3.9", True)],
            "subnets": [ref(f"{app}/subnets/snet-db")]}, flatten=True),
    ]
    nsgs = [resource(FAB2, "rg-fab-app", "Microsoft.Network/networkSecurityGroups", "nsg-fab-web", {
        "securityRules": [{
            "id": f"{nsg}/securityRules/allow-https-onprem", "name": "allow-https-onprem",
            "priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "Tcp",
            "sourceAddressPrefixes": ["10.20.0.0/16"], "destinationAddressPrefix": "10.11.1.0/24",
            "sourcePortRange": "*", "destinationPortRanges": ["443"]}],
        "subnets": [ref(f"{app}/subnets/snet-web")]}, flatten=True)]
    gateways = [resource(FAB1, rg, "Microsoft.Network/virtualNetworkGateways", "ergw-fab-hub", {
        "gatewayType": "ExpressRoute", "sku": {"name": "Standard", "tier": "Standard"}, "activeActive": False,
        "ipConfigurations": [{"name": "default", "privateIPAllocationMethod": "Dynamic",
                              "subnet": ref(f"{hub}/subnets/GatewaySubnet")}]}, flatten=True)]
    connections = [
        resource(FAB1, rg, "Microsoft.Network/connections", "cn-fab-ams", {
            "connectionType": "ExpressRoute", "virtualNetworkGateway1": ref(gw), "peer": ref(er),
            "routingWeight": 0}, flatten=True),
        # Fabrikam's gateway also redeems an authorization on Tailspin's circuit: isolation broken.
        resource(FAB1, rg, "Microsoft.Network/connections", "cn-fab-to-tailspin", {
            "connectionType": "ExpressRoute", "virtualNetworkGateway1": ref(gw),
            "peer": ref(rid(TS1, "rg-tail-network", "Microsoft.Network/expressRouteCircuits", "er-tail-ams")),
            "authorizationKey": "redacted", "routingWeight": 10}, flatten=True),
    ]
    firewalls = [resource(FAB1, rg, "Microsoft.Network/azureFirewalls", "azfw-fab-hub", {
        "sku": {"name": "AZFW_VNet", "tier": "Premium"},
        "ipConfigurations": [{"name": "fw-ipconfig", "privateIPAddress": "10.10.1.4",
                              "subnet": ref(f"{hub}/subnets/AzureFirewallSubnet")}]}, flatten=True)]
    nics = [resource(FAB1, rg, "Microsoft.Network/networkInterfaces", "nic-fab-nva-01", {
        "enableIPForwarding": True,
        "ipConfigurations": [{"name": "ipconfig1", "privateIPAddress": "10.10.3.4",
                              "subnet": ref(f"{hub}/subnets/snet-nva")}]}, flatten=True)]
    d = f"{root}/fabrikam"
    write(f"{d}/az-network-express-route-list.json", circuits)
    write(f"{d}/az-network-vnet-list.json", vnets)
    write(f"{d}/az-network-route-table-list.json", tables)
    write(f"{d}/az-network-nsg-list.json", nsgs)
    write(f"{d}/az-network-vnet-gateway-list.json", gateways)
    write(f"{d}/az-network-vpn-connection-list.json", connections)
    write(f"{d}/az-network-firewall-list.json", firewalls)
    write(f"{d}/az-network-nic-list.json", nics)


def woodgrove(root):
    """REST API list responses. Connect-to over ExpressRoute Direct with MACsec; encryption required."""
    rg = "rg-wg-network"
    port = rid(WG1, rg, "Microsoft.Network/expressRoutePorts", "erport-wg-lon")
    er = rid(WG1, rg, "Microsoft.Network/expressRouteCircuits", "er-wg-lon")
    vnet = rid(WG1, rg, "Microsoft.Network/virtualNetworks", "vnet-wg-hub")
    ergw = rid(WG1, rg, "Microsoft.Network/virtualNetworkGateways", "ergw-wg")
    vpngw = rid(WG1, rg, "Microsoft.Network/virtualNetworkGateways", "vpngw-wg")
    lng = rid(WG1, rg, "Microsoft.Network/localNetworkGateways", "lng-wg-onprem")
    nsg = rid(WG1, rg, "Microsoft.Network/networkSecurityGroups", "nsg-wg-app")
    kv = "https://kv-wg.vault.azure.net/secrets"

    def link(name, router, iface, cipher):
        return {"id": f"{port}/links/{name}", "name": name, "properties": {
            "routerName": router, "interfaceName": iface, "adminState": "Enabled", "connectorType": "LC",
            "macSecConfig": {"cipher": cipher, "sciState": "Enabled",
                             "cknSecretIdentifier": f"{kv}/ckn-{name}", "cakSecretIdentifier": f"{kv}/cak-{name}"}}}

    ports = {"value": [resource(WG1, rg, "Microsoft.Network/expressRoutePorts", "erport-wg-lon", {
        "peeringLocation": "London", "bandwidthInGbps": 10, "encapsulation": "Dot1Q",
        "links": [link("link1", "lon-06gmr-cis-1", "HundredGigE2/2/2", "GcmAes256"),
                  link("link2", "lon-06gmr-cis-2", "HundredGigE2/2/2", "GcmAes128")],
        "circuits": [ref(er)]}, location="uksouth")]}
    circuits = {"value": [resource(WG1, rg, "Microsoft.Network/expressRouteCircuits", "er-wg-lon", {
        "expressRoutePort": ref(port), "bandwidthInGbps": 5,
        "serviceProviderProvisioningState": "Provisioned", "circuitProvisioningState": "Enabled",
        "peerings": [peering(er, "AzurePrivatePeering", {
            "peerASN": 65020, "primaryPeerAddressPrefix": "192.168.50.0/30",
            "secondaryPeerAddressPrefix": "192.168.50.4/30", "vlanId": 300,
            "ipv6PeeringConfig": {"primaryPeerAddressPrefix": "2001:db8:50::/126",
                                  "secondaryPeerAddressPrefix": "2001:db8:50::4/126", "state": "Enabled"}})],
        "authorizations": []}, location="uksouth",
        sku={"name": "Premium_UnlimitedData", "tier": "Premium", "family": "UnlimitedData"})]}
    vnets = {"value": [resource(WG1, rg, "Microsoft.Network/virtualNetworks", "vnet-wg-hub", {
        "addressSpace": {"addressPrefixes": ["10.40.0.0/16"]},
        "subnets": [subnet(vnet, "GatewaySubnet", "10.40.0.0/27"),
                    subnet(vnet, "snet-app", "10.40.1.0/24", networkSecurityGroup=ref(nsg))]},
        location="uksouth")]}
    gateways = {"value": [
        resource(WG1, rg, "Microsoft.Network/virtualNetworkGateways", "ergw-wg", {
            "gatewayType": "ExpressRoute", "sku": {"name": "ErGw1AZ", "tier": "ErGw1AZ"},
            "ipConfigurations": [{"name": "default", "properties": {"subnet": ref(f"{vnet}/subnets/GatewaySubnet")}}]},
            location="uksouth"),
        resource(WG1, rg, "Microsoft.Network/virtualNetworkGateways", "vpngw-wg", {
            "gatewayType": "Vpn", "vpnType": "RouteBased", "sku": {"name": "VpnGw2AZ", "tier": "VpnGw2AZ"},
            "activeActive": False, "enableBgp": False, "enablePrivateIpAddress": True,
            "ipConfigurations": [{"name": "default", "properties": {"subnet": ref(f"{vnet}/subnets/GatewaySubnet")}}]},
            location="uksouth"),
    ]}
    lngs = {"value": [resource(WG1, rg, "Microsoft.Network/localNetworkGateways", "lng-wg-onprem", {
        "localNetworkAddressSpace": {"addressPrefixes": ["10.30.0.0/16"]},
        "gatewayIpAddress": "10.30.255.1"}, location="uksouth")]}
    nsgs = {"value": [resource(WG1, rg, "Microsoft.Network/networkSecurityGroups", "nsg-wg-app", {
        "securityRules": [{"id": f"{nsg}/securityRules/deny-internet-in", "name": "deny-internet-in",
                           "properties": {"priority": 4000, "direction": "Inbound", "access": "Deny",
                                          "protocol": "*", "sourceAddressPrefix": "Internet",
                                          "destinationAddressPrefix": "*", "sourcePortRange": "*",
                                          "destinationPortRange": "*"}}],
        "subnets": [ref(f"{vnet}/subnets/snet-app")]}, location="uksouth")]}
    er_connection = {"value": [resource(WG1, rg, "Microsoft.Network/connections", "cn-wg-er", {
        "connectionType": "ExpressRoute", "virtualNetworkGateway1": ref(ergw), "peer": ref(er),
        "routingWeight": 0}, location="uksouth")]}
    # A REST API example file: the IPsec-over-ExpressRoute connection with a weak policy.
    ipsec = resource(WG1, rg, "Microsoft.Network/connections", "cn-wg-ipsec-over-er", {
        "connectionType": "IPsec", "connectionProtocol": "IKEv1", "virtualNetworkGateway1": ref(vpngw),
        "localNetworkGateway2": ref(lng), "useLocalAzureIpAddress": True, "enableBgp": False,
        "sharedKey": "not-in-sample",
        "ipsecPolicies": [{"saLifeTimeSeconds": 27000, "saDataSizeKilobytes": 102400000,
                           "ipsecEncryption": "AES256", "ipsecIntegrity": "SHA1", "ikeEncryption": "AES256",
                           "ikeIntegrity": "SHA1", "dhGroup": "DHGroup2", "pfsGroup": "None"}]},
        location="uksouth")
    example = {"parameters": {"api-version": "2024-05-01", "subscriptionId": WG1, "resourceGroupName": rg,
                              "virtualNetworkGatewayConnectionName": "cn-wg-ipsec-over-er",
                              "parameters": {"location": "uksouth", "properties": ipsec["properties"]}},
               "responses": {"200": {"body": ipsec}, "201": {"body": ipsec}}}
    d = f"{root}/woodgrove"
    write(f"{d}/expressRoutePorts.json", ports)
    write(f"{d}/expressRouteCircuits.json", circuits)
    write(f"{d}/virtualNetworks.json", vnets)
    write(f"{d}/virtualNetworkGateways.json", gateways)
    write(f"{d}/localNetworkGateways.json", lngs)
    write(f"{d}/networkSecurityGroups.json", nsgs)
    write(f"{d}/connections.json", er_connection)
    write(f"{d}/example-ipsec-connection-put.json", example)


def tailspin(root):
    """Azure Resource Graph result: types and ids lowercased, properties nested."""
    rg = "rg-tail-network"
    er = rid(TS1, rg, "Microsoft.Network/expressRouteCircuits", "er-tail-ams")
    vnet = rid(TS1, rg, "Microsoft.Network/virtualNetworks", "vnet-tail")
    gw = rid(TS1, rg, "Microsoft.Network/virtualNetworkGateways", "ergw-tail")

    def graph(r):
        r = dict(r)
        r["type"] = r["type"].lower()
        r["id"] = r["id"].lower()
        r["subscriptionId"] = TS1
        r["tenantId"] = "72f988bf-0000-0000-0000-000000000000"
        return r

    circuit = resource(TS1, rg, "Microsoft.Network/expressRouteCircuits", "er-tail-ams", {
        "serviceProviderProperties": {"serviceProviderName": "Equinix", "peeringLocation": "Amsterdam",
                                      "bandwidthInMbps": 300},
        "serviceProviderProvisioningState": "NotProvisioned", "circuitProvisioningState": "Enabled",
        "peerings": [
            peering(er, "AzurePrivatePeering", {
                "peerASN": 65515, "primaryPeerAddressPrefix": "172.16.0.8/30",
                "secondaryPeerAddressPrefix": "10.50.0.4/30", "vlanId": 100}),
            peering(er, "AzurePublicPeering", {
                "peerASN": 64500, "primaryPeerAddressPrefix": "203.0.113.16/30",
                "secondaryPeerAddressPrefix": "203.0.113.20/30", "vlanId": 100}),
        ],
        "authorizations": [{"id": f"{er}/authorizations/fabrikam-link", "name": "fabrikam-link",
                            "properties": {"authorizationKey": "redacted", "authorizationUseStatus": "InUse"}}],
    }, sku={"name": "Standard_MeteredData", "tier": "Standard", "family": "MeteredData"})
    data = [graph(circuit), graph(resource(TS1, rg, "Microsoft.Network/virtualNetworks", "vnet-tail", {
        "addressSpace": {"addressPrefixes": ["10.50.0.0/16"]},
        "subnets": [subnet(vnet, "GatewaySubnet", "10.50.255.0/27"), subnet(vnet, "snet-app", "10.50.1.0/24")]})),
        graph(resource(TS1, rg, "Microsoft.Network/virtualNetworkGateways", "ergw-tail", {
            "gatewayType": "ExpressRoute", "sku": {"name": "ErGw2AZ", "tier": "ErGw2AZ"},
            "ipConfigurations": [{"name": "default", "properties": {"subnet": ref(f"{vnet}/subnets/GatewaySubnet")}}]})),
        graph(resource(TS1, rg, "Microsoft.Network/connections", "cn-tail-ams", {
            "connectionType": "ExpressRoute", "virtualNetworkGateway1": ref(gw), "peer": ref(er)}))]
    write(f"{root}/tailspin/resource-graph-network.json",
          {"count": len(data), "data": data, "skip_token": None, "total_records": len(data)})


def northwind(root):
    """An ARM template export (az group export): names are parameters, children nested."""
    template = {
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "parameters": {
            "expressRouteCircuits_er_nw_fra_name": {"defaultValue": "er-nw-fra", "type": "String"},
            "virtualNetworks_vnet_nw_name": {"defaultValue": "vnet-nw", "type": "String"},
            "virtualNetworkGateways_ergw_nw_name": {"defaultValue": "ergw-nw", "type": "String"},
            "peerAsn": {"type": "Int"},
        },
        "variables": {"gatewaySubnet": "GatewaySubnet"},
        "resources": [
            {"type": "Microsoft.Network/expressRouteCircuits", "apiVersion": "2024-05-01",
             "name": "[parameters('expressRouteCircuits_er_nw_fra_name')]", "location": "germanywestcentral",
             "sku": {"name": "Standard_MeteredData", "tier": "Standard", "family": "MeteredData"},
             "properties": {"serviceProviderProperties": {"serviceProviderName": "Megaport",
                                                          "peeringLocation": "Frankfurt", "bandwidthInMbps": 500},
                            "serviceProviderProvisioningState": "Provisioned", "globalReachEnabled": False},
             "resources": [
                 {"type": "peerings", "apiVersion": "2024-05-01", "name": "AzurePrivatePeering",
                  "dependsOn": ["[resourceId('Microsoft.Network/expressRouteCircuits', parameters('expressRouteCircuits_er_nw_fra_name'))]"],
                  "properties": {"peeringType": "AzurePrivatePeering", "peerASN": "[parameters('peerAsn')]",
                                 "primaryPeerAddressPrefix": "192.168.60.0/30", "vlanId": 400}}]},
            {"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2024-05-01",
             "name": "[parameters('virtualNetworks_vnet_nw_name')]", "location": "germanywestcentral",
             "properties": {"addressSpace": {"addressPrefixes": ["10.60.0.0/16"]},
                            "subnets": [{"name": "[variables('gatewaySubnet')]",
                                         "properties": {"addressPrefix": "10.60.0.0/27"}}]}},
            {"type": "Microsoft.Network/virtualNetworks/subnets", "apiVersion": "2024-05-01",
             "name": "[concat(parameters('virtualNetworks_vnet_nw_name'), '/snet-app')]",
             "properties": {"addressPrefix": "10.60.1.0/24"}},
            {"type": "Microsoft.Network/virtualNetworkGateways", "apiVersion": "2024-05-01",
             "name": "[parameters('virtualNetworkGateways_ergw_nw_name')]", "location": "germanywestcentral",
             "properties": {"gatewayType": "ExpressRoute", "sku": {"name": "ErGw1AZ", "tier": "ErGw1AZ"},
                            "ipConfigurations": [{"name": "default", "properties": {
                                "subnet": {"id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', parameters('virtualNetworks_vnet_nw_name'), variables('gatewaySubnet'))]"}}}]}},
            {"type": "Microsoft.Network/connections", "apiVersion": "2024-05-01", "name": "cn-nw-fra",
             "location": "germanywestcentral",
             "properties": {"connectionType": "ExpressRoute",
                            "virtualNetworkGateway1": {"id": "[resourceId('Microsoft.Network/virtualNetworkGateways', parameters('virtualNetworkGateways_ergw_nw_name'))]"},
                            "peer": {"id": "[resourceId('Microsoft.Network/expressRouteCircuits', parameters('expressRouteCircuits_er_nw_fra_name'))]"},
                            "routingWeight": 0}},
            {"type": "Microsoft.Compute/virtualMachines", "apiVersion": "2024-07-01", "name": "vm-nw-jump",
             "location": "germanywestcentral", "properties": {"hardwareProfile": {"vmSize": "Standard_B2s"}}},
        ],
    }
    write(f"{root}/northwind/template.json", template)


def legacy(root):
    """A circuit in a subscription the manifest does not list: reported as unclaimed."""
    rg = "rg-legacy"
    write(f"{root}/legacy/az-network-express-route-show.json",
          resource(LEG, rg, "Microsoft.Network/expressRouteCircuits", "er-legacy-par", {
              "serviceProviderProperties": {"serviceProviderName": "Orange", "peeringLocation": "Paris",
                                            "bandwidthInMbps": 200},
              "serviceProviderProvisioningState": "Provisioned", "peerings": [], "authorizations": []},
              flatten=True, sku={"name": "Standard_MeteredData", "tier": "Standard", "family": "MeteredData"}))


def clean(root):
    """One customer, every check satisfied."""
    rg = "rg-adatum-network"
    er = rid(AD1, rg, "Microsoft.Network/expressRouteCircuits", "er-adatum-ams")
    vnet = rid(AD1, rg, "Microsoft.Network/virtualNetworks", "vnet-adatum")
    gw = rid(AD1, rg, "Microsoft.Network/virtualNetworkGateways", "ergw-adatum")
    data = {"value": [
        resource(AD1, rg, "Microsoft.Network/expressRouteCircuits", "er-adatum-ams", {
            "serviceProviderProperties": {"serviceProviderName": "Equinix", "peeringLocation": "Amsterdam",
                                          "bandwidthInMbps": 1000},
            "serviceProviderProvisioningState": "Provisioned", "circuitProvisioningState": "Enabled",
            "peerings": [peering(er, "AzurePrivatePeering", {
                "peerASN": 65100, "primaryPeerAddressPrefix": "192.168.70.0/30",
                "secondaryPeerAddressPrefix": "192.168.70.4/30", "vlanId": 100})],
            "authorizations": []}, sku={"name": "Premium_MeteredData", "tier": "Premium", "family": "MeteredData"}),
        resource(AD1, rg, "Microsoft.Network/virtualNetworks", "vnet-adatum", {
            "addressSpace": {"addressPrefixes": ["10.70.0.0/16"]},
            "subnets": [subnet(vnet, "GatewaySubnet", "10.70.0.0/27"), subnet(vnet, "snet-app", "10.70.1.0/24")]}),
        resource(AD1, rg, "Microsoft.Network/virtualNetworkGateways", "ergw-adatum", {
            "gatewayType": "ExpressRoute", "sku": {"name": "ErGw1AZ", "tier": "ErGw1AZ"},
            "ipConfigurations": [{"name": "default", "properties": {"subnet": ref(f"{vnet}/subnets/GatewaySubnet")}}]}),
        resource(AD1, rg, "Microsoft.Network/connections", "cn-adatum-ams", {
            "connectionType": "ExpressRoute", "virtualNetworkGateway1": ref(gw), "peer": ref(er), "routingWeight": 0}),
    ]}
    write(f"{root}/network.json", data)


if __name__ == "__main__":
    for f in (fabrikam, woodgrove, tailspin, northwind, legacy):
        f("samples/contoso")
    clean("samples/clean")
