import ForgeModel
import HTTP
