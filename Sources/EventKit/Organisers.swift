import Foundation

/// Banks and brokers that hold investor conferences, as data. A name phrase starting with one of them is hosted by it.
public enum Organisers {
    /// The standard list. Each line: the display name, then other spellings, separated by "|".
    public static let standard: [(name: String, spellings: [String])] = rows.split(separator: "\n").map { row in
        let fields = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        return (fields[0], fields)
    }

    private static let rows = """
    Goldman Sachs|Goldman
    Morgan Stanley
    J.P. Morgan|JPMorgan|JP Morgan|J.P. Morgan Chase
    UBS
    Credit Suisse
    Deutsche Bank
    Barclays|Barclays Capital
    Citi|Citigroup|Citibank
    Bank of America Merrill Lynch|BofA Merrill Lynch|Merrill Lynch|BofA|Bank of America
    Wells Fargo|Wells Fargo Securities
    Jefferies|Jefferies & Company|Jefferies and Company
    Raymond James
    Stifel|Stifel Nicolaus
    Needham|Needham & Company
    Cowen|Cowen and Company|Cowen & Company|TD Cowen
    Piper Jaffray|Piper Sandler
    Oppenheimer
    RBC|RBC Capital Markets
    KeyBanc|KeyBanc Capital Markets
    Baird|Robert W. Baird
    William Blair
    Nomura
    Evercore|Evercore ISI|Evercore Partners
    Wedbush
    B. Riley|B. Riley FBR
    Canaccord|Canaccord Genuity
    Roth|Roth Capital
    Craig-Hallum
    Northland|Northland Capital Markets
    JMP|JMP Securities
    Stephens
    Sidoti
    Imperial Capital
    Macquarie
    CLSA
    BMO|BMO Capital Markets
    Susquehanna
    Bernstein|Sanford Bernstein|Sanford C. Bernstein
    Guggenheim
    Cantor|Cantor Fitzgerald
    Mizuho
    SunTrust|SunTrust Robinson Humphrey
    Thomas Weisel
    Pacific Crest
    Lazard
    Houlihan Lokey
    Janney|Janney Montgomery Scott
    Wunderlich
    Dougherty
    Ladenburg Thalmann
    HSBC
    BNP Paribas
    Societe Generale
    Bank of Montreal
    Scotiabank
    TD Securities
    CIBC
    Gabelli
    Loop Capital
    Telsey
    Rodman & Renshaw
    Ameriprise
    """
}
