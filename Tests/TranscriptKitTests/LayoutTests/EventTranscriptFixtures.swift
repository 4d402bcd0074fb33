/// Short StreetEvents "Event Transcript" files written for the tests.
enum EventTranscriptFixtures {
    /// The full shape: header, both participant lists (with the real misspelling "Participiants"), a blank
    /// ` - ` firm/title, a firm with commas, one-line, indented hard-wrapped and unindented hard-wrapped
    /// paragraphs, `Unidentified Analyst,   -     [7]`, a skipped turn number (line 73), Definitions and Disclaimer.
    static let micron = """
        Thomson Reuters StreetEvents Event Transcript
        E D I T E D   V E R S I O N

        Q2 2018 Micron Technology Inc Earnings Call
        MARCH 22, 2018 / 8:30PM GMT

        ================================================================================
        Corporate Participants
        ================================================================================

         * Sanjay Mehrotra
           Micron Technology, Inc. - President, CEO & Director
         * Farhan Ahmad
           Micron Technology, Inc. - Senior Director of IR

        ================================================================================
        Conference Call Participiants
        ================================================================================

         * Vivek Arya
           BofA Merrill Lynch, Research Division - Director
         * John Pitzer
            - 

        ================================================================================
        Presentation
        --------------------------------------------------------------------------------
        Operator    [1]
        --------------------------------------------------------------------------------
         Ladies and gentlemen, thank you for standing by, and welcome to the Micron Technology Q2 2018 conference call.

         I would now like to turn the call over to Farhan Ahmad. Please go ahead.

        --------------------------------------------------------------------------------
        Farhan Ahmad,  Micron Technology, Inc. - Senior Director of IR    [2]
        --------------------------------------------------------------------------------
         Thank you, and welcome to Micron Technology's fiscal second quarter 2018
        financial conference call. On the call with me today are Sanjay Mehrotra,
        our President and CEO.
         Today's call will be approximately 60 minutes in length.

        --------------------------------------------------------------------------------
        Sanjay Mehrotra,  Micron Technology, Inc. - President, CEO & Director    [3]
        --------------------------------------------------------------------------------
         Thank you, Farhan. Micron delivered record results.
         Demand remained strong across our end markets.

        ================================================================================
        Questions and Answers
        --------------------------------------------------------------------------------
        Operator    [4]
        --------------------------------------------------------------------------------
         Our first question comes from Vivek Arya with BofA Merrill Lynch.

        --------------------------------------------------------------------------------
        Vivek Arya,  BofA Merrill Lynch, Research Division - Director    [5]
        --------------------------------------------------------------------------------
         Sanjay, how sustainable is the
         pricing environment in
         DRAM?

        --------------------------------------------------------------------------------
        Sanjay Mehrotra,  Micron Technology, Inc. - President, CEO & Director    [6]
        --------------------------------------------------------------------------------
         We see a healthy balance of supply and demand.

        --------------------------------------------------------------------------------
        Unidentified Analyst,   -     [7]
        --------------------------------------------------------------------------------
         Can you talk about NAND?

        --------------------------------------------------------------------------------
        John Pitzer,   -     [10]
        --------------------------------------------------------------------------------
         Thanks for taking the question.

        ================================================================================
        Definitions
        --------------------------------------------------------------------------------
        PRELIMINARY TRANSCRIPT: "Preliminary Transcript" indicates that the
        Transcript has been published in near real-time by an experienced
        professional transcriber.

        ================================================================================
        Disclaimer
        --------------------------------------------------------------------------------
        Thomson Reuters reserves the right to make changes to documents, content, or other
        information on this web site without obligation to notify any person of
        such changes.
        """

    /// Builds a small Event Transcript: `header` lines, then a Corporate Participants list, then `body`
    /// (which starts on line 16 with the default header and participants).
    static func file(header: String = defaultHeader, participants: String = defaultParticipants, body: String) -> String {
        header + "\n\n" + "================================================================================\n"
            + "Corporate Participants\n"
            + "================================================================================\n\n"
            + participants + "\n\n" + body
    }

    static let defaultHeader = """
        Thomson Reuters StreetEvents Event Transcript
        E D I T E D   V E R S I O N

        Q4 2019 Acme Widgets Corp Earnings Call
        FEBRUARY 5, 2020 / 10:00PM GMT
        """

    static let defaultParticipants = """
         * Jane Roe
           Acme Widgets Corp - CEO
         * Richard Poe
           Acme Widgets Corp - CFO
        """

    static let rule = "--------------------------------------------------------------------------------"
    static let doubleRule = "================================================================================"

    /// A turn block: rule, speaker line, rule, then the text lines.
    static func turn(_ speakerLine: String, _ lines: String...) -> String {
        ([rule, speakerLine, rule] + lines + [""]).joined(separator: "\n")
    }

    /// A section heading block opened by `=====` and closed by the first turn's `-----` rule.
    static func heading(_ name: String) -> String {
        doubleRule + "\n" + name + "\n"
    }
}
