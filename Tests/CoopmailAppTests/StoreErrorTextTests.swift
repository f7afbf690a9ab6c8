import CoopmailApp
import CoopmailStore
import Foundation
import Testing

/// A value the store cannot read is data below App; staff read it in French, naming the column and the value.
@Suite("Store errors: data below, French in App")
struct StoreErrorTextTests {
    @Test(arguments: [("state", "archived"), ("status", "à « revoir »"), ("kind", "")])
    func anUnknownValueReadsInFrench(column: String, value: String) {
        let e = StoreError.unknownValue(column: column, value: value)
        let french = "valeur inconnue « \(value) » dans la colonne \(column) de la base de données"
        #expect(ErrorMessage.french(e) == french && e.french == french)
        #expect(e.description != french && e.description.contains(column))
    }

    @Test func aFullDiskStillReadsAsBefore() {
        let e = StoreError.diskFull(.database)
        #expect(ErrorMessage.french(e).hasPrefix("disque plein : plus de place pour écrire dans la base de données."))
    }

    static let full =
        ". Rien n'a été perdu (ce qui n'a pas pu être enregistré le sera à la prochaine exécution) : libérez de la place "
        + "sur le disque du dossier de données, ou déplacez-le sur un disque plus grand, puis relancez la commande."

    static let cases: [(StoreError, String)] = [
        (.diskFull(.database), "disque plein : plus de place pour écrire dans la base de données" + full),
        (.diskFull(.dataFolder), "disque plein : plus de place pour écrire dans le dossier de données" + full),
        (.diskFull(.folder("/d/blobs/ab")), "disque plein : plus de place pour écrire dans /d/blobs/ab" + full),
        (.diskFull(.file("/d/tmp/x")), "disque plein : plus de place pour écrire /d/tmp/x" + full),
        (.cannotCreateDataFolder(path: "/d", reason: "r"), "impossible de créer le dossier de données /d : r"),
        (.cannotMakeDataFolderPrivate(path: "/d"), "impossible de rendre privé le dossier de données /d"),
        (.cannotMakePrivate(path: "/b"), "impossible de rendre privé /b"),
        (.writeFailed(folder: "/d/blobs", errno: 13), "écriture impossible dans /d/blobs (errno 13)"),
        (.writeFailed(folder: "/d/tmp", errno: nil), "écriture impossible dans /d/tmp"),
        (.blobWriteFailed(digest: "ab12", errno: 5), "écriture impossible du fichier ab12 (errno 5)"),
        (.fileWriteFailed(path: "/d/x"), "écriture impossible : /d/x"),
        (.unreadableFolder(path: "/d"), "dossier illisible : /d"),
        (.unreadableFile(path: "/d/f"), "fichier illisible : /d/f"),
        (.syncFailed(errno: 5), "synchronisation du disque impossible (errno 5)"),
        (.fileSyncFailed(path: "/d/f", errno: 5), "écriture sur disque impossible : /d/f (errno 5)"),
        (.invalidBlobID("../x"), "identifiant de fichier invalide : ../x"),
        (.blobMissing("ab12"), "fichier ab12 absent du dossier de données"),
        (.databaseUnusable(path: "/d/db", reason: "r"), "base de données illisible ou non modifiable (/d/db) : r"),
        (.backupIntoDataFolder, "la sauvegarde ne peut pas aller dans le dossier de données lui-même"),
        (.backupCopyFailed(path: "/b/db", reason: "r"), "copie de la base impossible vers /b/db : r"),
        (
            .backupIncomplete(path: "/b", damaged: ["ab", "cd"]),
            "sauvegarde incomplète dans /b : 2 pièce(s) absente(s) ou abîmée(s) dans le dossier de données "
                + "(la première : ab). Lancez « coopmail verify » pour la liste."
        ),
        (
            .backupTargetNotEmpty(path: "/b"),
            "/b existe déjà et n'est pas un dossier vide : choisissez un nouveau dossier de sauvegarde"
        ),
        (.cannotCreateBackupFolder(path: "/b", reason: "r"), "impossible de créer le dossier de sauvegarde /b : r"),
        (
            .purgeIncomplete(failed: 3, folder: "/d/blobs"),
            "purge enregistrée, mais 3 fichier(s) n'ont pas pu être supprimés de /d/blobs : relancez « coopmail verify --reparer »"
        ),
        (.lockFailed(path: "/d/locks/run.lock"), "verrou impossible à créer : /d/locks/run.lock"),
        (.unreadableSource("/x.eml"), "lecture impossible : /x.eml"),
    ]

    /// Every case reads word for word as the store wrote it before it carried data.
    @Test func everyCaseReadsInFrenchAsBefore() {
        for (error, french) in Self.cases {
            #expect(ErrorMessage.french(error) == french)
            #expect(error.localizedDescription == french)
            #expect(error.description != french)
        }
    }
}
