import ForgeModel
