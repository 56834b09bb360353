import Testing
@testable import ErlintIngest
import ErlintModel

/// ARM template expressions evaluated as Azure evaluates them (template functions reference),
/// unknown where the template alone cannot tell, and bounded however hostile the template.
@Suite struct TemplateExpressionTests {
    static let template = """
        {"parameters": {
            "name": {"type": "string"},
            "prefix": {"type": "string", "defaultValue": "er"},
            "count": {"type": "int", "defaultValue": 3},
            "peerings": {"type": "array", "nullable": true},
            "lock": {"type": "object", "nullable": true},
            "derived": {"type": "string", "defaultValue": "[concat(parameters('prefix'), '-', parameters('count'))]"}
         },
         "variables": {
            "site": "ams",
            "cfg": {"asn": 65010, "unknownPart": "[parameters('name')]", "tags": ["a", "b"]},
            "selfish": "[variables('selfish')]",
            "copy": [{"name": "links", "count": 2, "input": "[format('link-{0}', copyIndex('links'))]"}]
         }}
        """

    func evaluate(_ expression: String, given: [String: TemplateContext.GivenValue] = [:]) throws -> TemplateValue {
        let document = try JSONParser.parse(Array(Self.template.utf8))
        let context = TemplateContext(template: document.root, given: given, subscription: "00000000-0000-0000-0000-000000000001",
                                      resourceGroup: "rg-net", budget: EvaluationBudget())
        return withExtendedLifetime(document) { TemplateExpression.evaluate(expression, in: context) }
    }

    @Test(arguments: [
        ("[parameters('prefix')]", TemplateValue.string("er")),
        ("[parameters('derived')]", .string("er-3")),
        ("[parameters('peerings')]", .null),
        ("[length(coalesce(parameters('peerings'), createArray()))]", .int(0)),
        ("[tryGet(parameters('lock'), 'name')]", .null),
        ("[coalesce(tryGet(parameters('lock'), 'name'), format('lock-{0}', parameters('prefix')))]", .string("lock-er")),
        ("[variables('cfg').asn]", .int(65010)),
        ("[variables('cfg')['tags'][1]]", .string("b")),
        ("[variables('links')[1]]", .string("link-1")),
        ("[format('{0}-{1}-{{literal}}', variables('site'), 7)]", .string("ams-7-{literal}")),
        ("[toUpper(concat('er-', variables('site')))]", .string("ER-AMS")),
        ("[if(equals(parameters('count'), 3), 'three', parameters('name'))]", .string("three")),
        ("[and(false(), equals(parameters('name'), 'x'))]", .bool(false)),
        ("[or(true, parameters('name'))]", .bool(true)),
        ("[last(split('/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/publicIPAddresses/pip-1', '/'))]", .string("pip-1")),
        ("[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'GatewaySubnet')]",
         .string("/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/GatewaySubnet")),
        ("[resourceId('other-rg', 'Microsoft.Network/expressRouteCircuits', 'er')]",
         .string("/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/other-rg/providers/Microsoft.Network/expressRouteCircuits/er")),
        ("[subscription().subscriptionId]", .string("00000000-0000-0000-0000-000000000001")),
        ("[resourceGroup().name]", .string("rg-net")),
        ("[cidrSubnet('10.144.0.0/20', 24, 3)]", .string("10.144.3.0/24")),
        ("[cidrSubnet('fdad:3236:5555::/48', 52, 1)]", .string("fdad:3236:5555:1000::/52")),
        ("[cidrHost('10.144.3.0/24', 0)]", .string("10.144.3.1")),
        ("[parseCidr('10.144.0.0/20').broadcast]", .string("10.144.15.255")),
        ("[parseCidr('10.144.0.0/20').netmask]", .string("255.255.240.0")),
        ("[union(createObject('a', 1, 'b', 2), createObject('b', 3))]", .object(TemplateObject([("a", .int(1)), ("b", .int(3))]))),
        ("[range(2, 3)]", .array([.int(2), .int(3), .int(4)])),
        ("[json('{\"x\": [1, true, null]}').x[1]]", .bool(true)),
        ("[string(true)]", .string("True")),
        ("[substring('expressroute', 7, 5)]", .string("route")),
        ("[take(createArray(1, 2, 3), 2)]", .array([.int(1), .int(2)])),
        ("[empty('')]", .bool(true)),
        ("[contains(createArray('a', 'b'), 'b')]", .bool(true)),
        ("[startsWith('GatewaySubnet', 'gateway')]", .bool(true)),
        ("[add(mul(2, 3), mod(7, 4))]", .int(9)),
        ("[indexOf('AzurePrivatePeering', 'private')]", .int(5)),
        ("[padLeft(7, 3, '0')]", .string("007")),
        ("['it''s']", .string("it's")),
    ])
    func evaluatesAsAzureDoes(_ expression: String, _ expected: TemplateValue) throws {
        #expect(try evaluate(expression) == expected, "\(expression)")
    }

    /// What depends on the deployment, or on a required parameter with no value, is unknown:
    /// never a guess, never a crash.
    @Test(arguments: [
        "[parameters('name')]", "[variables('cfg').unknownPart]", "[concat('er-', parameters('name'))]",
        "[uniqueString(resourceGroup().id)]", "[guid('x')]", "[reference('x').properties]", "[resourceGroup().location]",
        "[deployment().name]", "[utcNow()]", "[variables('selfish')]", "[parameters('nope')]", "[if(equals(parameters('name'), 'a'), 1, 2)]",
        "[filter(createArray(1, 2), x => x)]", "[substring('abc', 2, 5)]", "[createArray(1)[3]]", "[div(1, 0)]",
        "[concat('unclosed'", "[format('{0}')]", "[notAFunction()]", "[cidrSubnet('10.0.0.0/24', 23, 0)]",
    ])
    func unknownWhereTheTemplateCannotTell(_ expression: String) throws {
        #expect(try evaluate(expression).isUnknown, "\(expression)")
    }

    /// A parameter value given (a parameters file, a nested deployment) comes before the default.
    @Test func givenValuesComeBeforeDefaults() throws {
        let file = try JSONParser.parse(Array(#"{"count": 5, "name": "er-fab", "ref": "[not an expression]"}"#.utf8))
        let given: [String: TemplateContext.GivenValue] = [
            "count": .literal(file.root["count"]!), "NAME": .literal(file.root["name"]!), "prefix": .value(.string("x")),
        ]
        #expect(try evaluate("[parameters('count')]", given: given) == .int(5))
        #expect(try evaluate("[parameters('name')]", given: given) == .string("er-fab"), "names compare in any case")
        #expect(try evaluate("[parameters('derived')]", given: given) == .string("x-5"))
        #expect(TemplateContext.literalValue(file.root["ref"]!) == .string("[not an expression]"), "a parameters file's strings are literal")
    }

    /// Work a template asks for is bounded: `format()` repeating its argument, and variables that
    /// each concatenate the next several times, end as unknown values, quickly.
    @Test func hostileTemplatesAreBounded() throws {
        var variables = #""v0": "[format('{0}{0}{0}{0}{0}{0}{0}{0}', 'xxxxxxxx')]""#
        for i in 1...12 {
            variables += #", "v\#(i)": "[format('{0}{0}{0}{0}{0}{0}{0}{0}', variables('v\#(i - 1)'))]""#
        }
        var chain = #""c0": "x""#
        for i in 1...40 { chain += #", "c\#(i)": "[concat(variables('c\#(i - 1)'), variables('c\#(i - 1)'), variables('c\#(i - 1)'))]""# }
        let document = try JSONParser.parse(Array("{\"variables\": {\(variables), \(chain)}}".utf8))
        let context = TemplateContext(template: document.root, given: [:], subscription: "s", resourceGroup: "g", budget: EvaluationBudget())
        #expect(TemplateExpression.evaluate("[variables('v12')]", in: context).isUnknown, "8^13 bytes is past the length bound")
        #expect(TemplateExpression.evaluate("[variables('c40')]", in: context).isUnknown, "3^40 bytes, each variable evaluated once")
        var deep = "'x'"
        for _ in 0..<200 { deep = "concat(\(deep))" }
        #expect(TemplateExpression.evaluate("[\(deep)]", in: context).isUnknown, "nesting past the parser's depth")
    }
}
