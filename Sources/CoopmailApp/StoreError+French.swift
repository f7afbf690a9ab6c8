import CoopmailStore
import Foundation

/// The French sentence staff read for an error of the store (which carries data only).
extension StoreError: LocalizedError {
    public var errorDescription: String? { french }

    public var french: String {
        switch self {
        case .cannotCreateDataFolder(let path, let reason):
            return "impossible de créer le dossier de données \(path) : \(reason)"
        case .cannotMakeDataFolderPrivate(let path): return "impossible de rendre privé le dossier de données \(path)"
        case .cannotMakePrivate(let path): return "impossible de rendre privé \(path)"
        case .writeFailed(let folder, let errno):
            return "écriture impossible dans \(folder)" + (errno.map { " (errno \($0))" } ?? "")
        case .blobWriteFailed(let digest, let errno): return "écriture impossible du fichier \(digest) (errno \(errno))"
        case .fileWriteFailed(let path): return "écriture impossible : \(path)"
        case .unreadableFolder(let path): return "dossier illisible : \(path)"
        case .unreadableFile(let path): return "fichier illisible : \(path)"
        case .syncFailed(let errno): return "synchronisation du disque impossible (errno \(errno))"
        case .fileSyncFailed(let path, let errno): return "écriture sur disque impossible : \(path) (errno \(errno))"
        case .invalidBlobID(let digest): return "identifiant de fichier invalide : \(digest)"
        case .blobMissing(let digest): return "fichier \(digest) absent du dossier de données"
        case .databaseUnusable(let path, let reason):
            return "base de données illisible ou non modifiable (\(path)) : \(reason)"
        case .backupIntoDataFolder: return "la sauvegarde ne peut pas aller dans le dossier de données lui-même"
        case .backupCopyFailed(let path, let reason): return "copie de la base impossible vers \(path) : \(reason)"
        case .backupIncomplete(let path, let damaged):
            return "sauvegarde incomplète dans \(path) : \(damaged.count) pièce(s) absente(s) ou abîmée(s) dans le "
                + "dossier de données (la première : \(damaged.first ?? "?")). Lancez « coopmail verify » pour la liste."
        case .backupTargetNotEmpty(let path):
            return "\(path) existe déjà et n'est pas un dossier vide : choisissez un nouveau dossier de sauvegarde"
        case .cannotCreateBackupFolder(let path, let reason):
            return "impossible de créer le dossier de sauvegarde \(path) : \(reason)"
        case .purgeIncomplete(let failed, let folder):
            return "purge enregistrée, mais \(failed) fichier(s) n'ont pas pu être supprimés de \(folder) : "
                + "relancez « coopmail verify --reparer »"
        case .lockFailed(let path): return "verrou impossible à créer : \(path)"
        case .unreadableSource(let source): return "lecture impossible : \(source)"
        case .diskFull(let place):
            let what: String
            switch place {
            case .database: what = "dans la base de données"
            case .dataFolder: what = "dans le dossier de données"
            case .folder(let path): what = "dans \(path)"
            case .file(let path): what = path
            }
            return
                "disque plein : plus de place pour écrire \(what). Rien n'a été perdu (ce qui n'a pas pu être enregistré "
                + "le sera à la prochaine exécution) : libérez de la place sur le disque du dossier de données, ou déplacez-le "
                + "sur un disque plus grand, puis relancez la commande."
        case .unknownValue(let column, let value):
            return "valeur inconnue « \(value) » dans la colonne \(column) de la base de données"
        }
    }
}
