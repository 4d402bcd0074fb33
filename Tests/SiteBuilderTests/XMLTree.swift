import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An element of a parsed XML document: local name, namespace, attributes, children and text.
final class XMLNode {
    let name: String
    let namespace: String?
    let attributes: [String: String]
    var children: [XMLNode] = []
    var text = ""

    init(name: String, namespace: String?, attributes: [String: String]) {
        self.name = name
        self.namespace = namespace
        self.attributes = attributes
    }

    /// Child elements named `name`.
    func all(_ name: String) -> [XMLNode] { children.filter { $0.name == name } }

    /// The first child element named `name`.
    func first(_ name: String) -> XMLNode? { children.first { $0.name == name } }
}

/// Parses XML with Foundation's `XMLParser` (namespace-aware), failing on any well-formedness error.
enum XMLTree {
    struct ParseError: Error, CustomStringConvertible {
        var description: String
    }

    static func parse(_ data: Data) throws -> XMLNode {
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        let builder = Builder()
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw ParseError(description: "not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "no root element")")
        }
        return root
    }

    static func parse(contentsOf url: URL) throws -> XMLNode {
        try parse(Data(contentsOf: url))
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: XMLNode?
        var stack: [XMLNode] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            let node = XMLNode(name: elementName, namespace: namespaceURI, attributes: attributeDict)
            if let parent = stack.last { parent.children.append(node) } else { root = node }
            stack.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }
}
