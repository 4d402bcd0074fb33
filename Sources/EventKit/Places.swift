import Foundation

/// Cities events are held in, as data: a name, its state or country, and other spellings.
public struct CityList: Sendable {
    /// One city.
    public struct City: Sendable, Hashable {
        /// The name shown, e.g. "New York".
        public let name: String
        /// The state or country, e.g. "New York", "United Kingdom".
        public let region: String
        /// Other ways of writing it, e.g. "New York City", "NYC".
        public let aliases: [String]

        /// Creates a city.
        public init(name: String, region: String, aliases: [String] = []) {
            self.name = name
            self.region = region
            self.aliases = aliases
        }
    }

    /// The cities.
    public let cities: [City]
    /// City by each spelling's words, longest spellings first within a first word.
    let byFirstWord: [String: [([String], City)]]

    /// A list of cities.
    public init(_ cities: [City]) {
        self.cities = cities
        var table: [String: [([String], City)]] = [:]
        for city in cities {
            for spelling in [city.name] + city.aliases {
                let words = spelling.split(separator: " ").map(String.init)
                table[words[0], default: []].append((words, city))
            }
        }
        for key in table.keys { table[key]!.sort { $0.0.count > $1.0.count } }
        byFirstWord = table
    }

    /// The standard list: cities that commonly host investor conferences and trade shows.
    public static let standard = CityList(standardRows.split(separator: "\n").compactMap { row in
        let fields = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        guard fields.count >= 2 else { return nil }
        return City(name: fields[0], region: fields[1], aliases: Array(fields.dropFirst(2)))
    })

    /// "Name|Region|alias|alias…", one city a line.
    private static let standardRows = """
    New York|New York|New York City|NYC|Manhattan
    San Francisco|California
    Las Vegas|Nevada
    Scottsdale|Arizona
    Phoenix|Arizona
    Tucson|Arizona
    Boston|Massachusetts
    Chicago|Illinois
    Los Angeles|California
    San Diego|California
    San Jose|California
    Palo Alto|California
    Santa Clara|California
    Monterey|California
    Dana Point|California
    Laguna Beach|California
    Pebble Beach|California
    Anaheim|California
    Sonoma|California
    Napa|California
    Seattle|Washington
    Portland|Oregon
    Denver|Colorado
    Boulder|Colorado
    Vail|Colorado
    Aspen|Colorado
    Dallas|Texas
    Houston|Texas
    Austin|Texas
    San Antonio|Texas
    Atlanta|Georgia
    Miami|Florida
    Orlando|Florida
    Tampa|Florida
    Boca Raton|Florida
    Palm Beach|Florida
    Naples|Florida
    Washington|District of Columbia
    Philadelphia|Pennsylvania
    Pittsburgh|Pennsylvania
    Baltimore|Maryland
    Nashville|Tennessee
    Memphis|Tennessee
    New Orleans|Louisiana
    Minneapolis|Minnesota
        Kansas City|Missouri
    Detroit|Michigan
    Cleveland|Ohio
    Columbus|Ohio
    Cincinnati|Ohio
    Indianapolis|Indiana
    Milwaukee|Wisconsin
    Salt Lake City|Utah
    Park City|Utah
    Charlotte|North Carolina
    Raleigh|North Carolina
    Richmond|Virginia
    Greenwich|Connecticut
    Stamford|Connecticut
    Hartford|Connecticut
    Newport|Rhode Island
    Honolulu|Hawaii
    Toronto|Canada
    Montreal|Canada
    Vancouver|Canada
    Calgary|Canada
    Mexico City|Mexico
    London|United Kingdom
    Edinburgh|United Kingdom
    Paris|France
    Berlin|Germany
    Frankfurt|Germany
    Munich|Germany
    Hanover|Germany|Hannover
    Amsterdam|Netherlands
    Brussels|Belgium
    Zurich|Switzerland
    Geneva|Switzerland
    Barcelona|Spain
    Madrid|Spain
    Milan|Italy
    Rome|Italy
    Stockholm|Sweden
    Copenhagen|Denmark
    Oslo|Norway
    Helsinki|Finland
    Dublin|Ireland
    Lisbon|Portugal
    Vienna|Austria
    Prague|Czech Republic
    Warsaw|Poland
    Moscow|Russia
    Istanbul|Turkey
    Dubai|United Arab Emirates
    Tel Aviv|Israel
    Mumbai|India
    Bangalore|India|Bengaluru
    New Delhi|India|Delhi
    Singapore|Singapore
    Hong Kong|Hong Kong
    Shanghai|China
    Beijing|China
    Shenzhen|China
    Taipei|Taiwan
    Seoul|South Korea
    Tokyo|Japan
    Osaka|Japan
    Sydney|Australia
    Melbourne|Australia
    Sao Paulo|Brazil|São Paulo
    Rio de Janeiro|Brazil
    Buenos Aires|Argentina
    Johannesburg|South Africa
    Cape Town|South Africa
    """

    /// US states and Canadian provinces by name and postal abbreviation, for "Scottsdale, Arizona" and "Scottsdale, AZ".
    public static let regions: [String: String] = {
        let rows = """
        Alabama AL|Alaska AK|Arizona AZ|Arkansas AR|California CA|Colorado CO|Connecticut CT|Delaware DE|Florida FL|\
        Georgia GA|Hawaii HI|Idaho ID|Illinois IL|Indiana IN|Iowa IA|Kansas KS|Kentucky KY|Louisiana LA|Maine ME|\
        Maryland MD|Massachusetts MA|Michigan MI|Minnesota MN|Mississippi MS|Missouri MO|Montana MT|Nebraska NE|\
        Nevada NV|New Hampshire NH|New Jersey NJ|New Mexico NM|New York NY|North Carolina NC|North Dakota ND|Ohio OH|\
        Oklahoma OK|Oregon OR|Pennsylvania PA|Rhode Island RI|South Carolina SC|South Dakota SD|Tennessee TN|Texas TX|\
        Utah UT|Vermont VT|Virginia VA|Washington WA|West Virginia WV|Wisconsin WI|Wyoming WY|Ontario ON|Quebec QC|\
        British Columbia BC|Alberta AB
        """
        var table: [String: String] = [:]
        for row in rows.split(separator: "|") {
            let words = row.split(separator: " ").map(String.init)
            let name = words.dropLast().joined(separator: " ")
            table[name] = name
            table[words.last!] = name
        }
        return table
    }()
}

/// Finds where an event is held: "in <City>", "in <City>, <State>", "in New York City and in London".
///
/// A place is a city from the list after "in", or any capitalised word(s) after "in" that are followed by a comma
/// and a US state or Canadian province ("in Scottsdale, Arizona"). More places may follow, joined by "and", "and in"
/// or commas.
struct PlaceReader {
    let cities: CityList

    /// The places named in `tokens[range]`, with the tokens they span.
    func places(in tokens: [Token], range: Range<Int>) -> (places: [EventPlace], tokens: Range<Int>)? {
        var index = range.lowerBound
        while index < range.upperBound {
            if tokens[index].lower == "in", let first = place(tokens, at: index + 1, limit: range.upperBound) {
                var places = [first.place]
                var cursor = first.end
                while cursor < range.upperBound {
                    var next = cursor
                    if tokens[next].text == "," { next += 1 }
                    guard next < range.upperBound, tokens[next].lower == "and" || tokens[next - 1].text == "," else { break }
                    if tokens[next].lower == "and" { next += 1 }
                    if next < range.upperBound, tokens[next].lower == "in" { next += 1 }
                    guard let another = place(tokens, at: next, limit: range.upperBound) else { break }
                    places.append(another.place)
                    cursor = another.end
                }
                return (places, index..<cursor)
            }
            index += 1
        }
        return nil
    }

    /// One city starting at `index`: from the list (longest spelling), else capitalised words followed by ", <State>".
    private func place(_ tokens: [Token], at index: Int, limit: Int) -> (place: EventPlace, end: Int)? {
        guard index < limit, tokens[index].isWord, tokens[index].isCapitalized else { return nil }
        var words: [String] = []
        var cursor = index
        while cursor < limit, tokens[cursor].isWord, tokens[cursor].isCapitalized || (words.count > 0 && ["de", "la", "del"].contains(tokens[cursor].lower)), words.count < 4 {
            words.append(String(tokens[cursor].text))
            cursor += 1
        }
        if let candidates = cities.byFirstWord[words[0]] {
            for (spelling, city) in candidates where spelling.count <= words.count && Array(words.prefix(spelling.count)) == spelling {
                var end = index + spelling.count
                var region: String? = city.region
                if end + 1 < limit, tokens[end].text == ",", let stated = state(tokens, at: end + 1, limit: limit) {
                    region = stated.name
                    end = stated.end
                }
                return (EventPlace(city: city.name, region: region), end)
            }
        }
        // An unlisted city is accepted only with its state: "in Scottsdale, Arizona".
        for count in stride(from: min(words.count, 3), through: 1, by: -1) {
            let end = index + count
            if end + 1 < limit, tokens[end].text == ",", let stated = state(tokens, at: end + 1, limit: limit) {
                return (EventPlace(city: words.prefix(count).joined(separator: " "), region: stated.name), stated.end)
            }
        }
        return nil
    }

    /// A US state or Canadian province at `index` ("Arizona", "New York", "AZ").
    private func state(_ tokens: [Token], at index: Int, limit: Int) -> (name: String, end: Int)? {
        for count in [2, 1] where index + count <= limit {
            let slice = tokens[index..<(index + count)]
            guard slice.allSatisfy({ $0.isWord && $0.isCapitalized }) else { continue }
            if let name = CityList.regions[slice.map { String($0.text) }.joined(separator: " ")] { return (name, index + count) }
        }
        return nil
    }
}
