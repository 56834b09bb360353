import Testing
@testable import ErlintIngest

/// `findAll` reads a type's fields in one pass; it must find exactly what looking each field up
/// on its own finds, whatever the object's shape.
@Suite struct FieldReaderTests {
    static let names = ["priority", "access", "sourceAddressPrefix", "sourceAddressPrefixes", "missing"]

    static let objects = [
        // ARM: fields in `properties`.
        #"{"name": "r", "properties": {"priority": 100, "access": "Allow", "sourceAddressPrefix": "10.0.0.0/8"}}"#,
        // az: flattened to the top level.
        #"{"name": "r", "priority": 100, "ACCESS": "Deny", "sourceaddressprefixes": ["a", "b"]}"#,
        // Both: `properties` wins; a null there falls back to the top level.
        #"{"priority": 1, "access": "Deny", "properties": {"priority": 2, "access": null}}"#,
        // Repeated keys: the first counts, even when it is null.
        #"{"properties": {"access": null, "access": "Allow", "priority": 5, "priority": 6}, "access": "Deny"}"#,
        // Escaped keys, and keys of the right length that differ.
        #"{"properties": {"p\u0072iority": 7, "accesz": "x", "Access": "y"}}"#,
        // `properties` that is not an object is no properties.
        #"{"properties": "text", "priority": 8}"#,
        #"{}"#,
    ]

    @Test func findAllFindsWhatSingleLookupsFind() throws {
        for text in Self.objects {
            let bytes = Array(text.utf8)
            let document = try JSONParser.parse(bytes)
            var fields = FieldReader(file: "t.json", lines: LineIndex(bytes), document: document)
            fields.findAll(document.root, FieldNames(Self.names))
            let together = fields.found
            for (n, name) in Self.names.enumerated() {
                #expect(together[n] == fields.path(document.root, name)?.index, "\(name) in \(text)")
            }
        }
    }
}
