import Hummingbird
import SiteBuilder
