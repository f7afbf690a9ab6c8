import CoopmailStore

/// The French sentence staff read for an error of the store.
extension StoreError {
    public var french: String {
        switch self {
        case .unknownValue(let column, let value):
            return "valeur inconnue « \(value) » dans la colonne \(column) de la base de données"
        default: return description
        }
    }
}
