import Foundation
import SitegenCommands

exit(await Sitegen.run(Array(CommandLine.arguments.dropFirst())))
