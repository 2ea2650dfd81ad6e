<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>tapedeck::ui::ActiveRecordingsView</name>
    <message>
        <source>Nothing is recording. Choose a source and press Record.</source>
        <translation>Aucun enregistrement en cours. Choisissez une source et appuyez sur Enregistrer.</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::MainWindow</name>
    <message>
        <source>Tapedeck</source>
        <translation>Tapedeck</translation>
    </message>
    <message>
        <source>No keychain available</source>
        <translation>Aucun trousseau disponible</translation>
    </message>
    <message>
        <source>Passwords and stream keys will be forgotten when Tapedeck quits (%1).</source>
        <translation>Les mots de passe et clés de flux seront oubliés à la fermeture de Tapedeck (%1).</translation>
    </message>
    <message>
        <source>&amp;Add source…</source>
        <translation>&amp;Ajouter une source…</translation>
    </message>
    <message>
        <source>&amp;Edit source…</source>
        <translation>&amp;Modifier la source…</translation>
    </message>
    <message>
        <source>&amp;Remove source</source>
        <translation>&amp;Supprimer la source</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>Ar&amp;m (record when the stream appears)</source>
        <translation>A&amp;rmer (enregistrer dès que le flux apparaît)</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>Arrê&amp;ter</translation>
    </message>
    <message>
        <source>Stop &amp;all</source>
        <translation>Tout a&amp;rrêter</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <source>Re&amp;cover recordings…</source>
        <translation>&amp;Récupérer des enregistrements…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>Remove source</source>
        <translation>Supprimer la source</translation>
    </message>
    <message>
        <source>Remove the source &quot;%1&quot;? Recorded files are kept.</source>
        <translation>Supprimer la source « %1 » ? Les fichiers enregistrés sont conservés.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Recording</source>
        <translation>&amp;Enregistrement</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Principale</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Sources</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Ajouter…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Modifier…</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>Enregistrement</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Arm</source>
        <translation>Armer</translation>
    </message>
    <message>
        <source>Wait for the stream and record from its first frame</source>
        <translation>Attendre le flux et l’enregistrer dès sa première image</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Recordings</source>
        <translation>Enregistrements</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Prêt</translation>
    </message>
    <message>
        <source>Source &quot;%1&quot; saved.</source>
        <translation>Source « %1 » enregistrée.</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Paramètres enregistrés.</translation>
    </message>
    <message>
        <source>The folder &quot;%1&quot; cannot be created.</source>
        <translation>Impossible de créer le dossier « %1 ».</translation>
    </message>
    <message>
        <source>Only %1 free in &quot;%2&quot;; recording needs at least %3 free (see Settings → Disk).</source>
        <translation>Seulement %1 libres dans « %2 » ; l’enregistrement exige au moins %3 libres (voir Paramètres → Disque).</translation>
    </message>
    <message>
        <source>Waiting for &quot;%1&quot; to appear…</source>
        <translation>En attente de l’apparition de « %1 »…</translation>
    </message>
    <message>
        <source>Starting &quot;%1&quot;…</source>
        <translation>Démarrage de « %1 »…</translation>
    </message>
    <message>
        <source>Recording of &quot;%1&quot; failed</source>
        <translation>L’enregistrement de « %1 » a échoué</translation>
    </message>
    <message>
        <source>Recording &quot;%1&quot;</source>
        <translation>Enregistrement de « %1 »</translation>
    </message>
    <message>
        <source>&quot;%1&quot; was cancelled before the stream appeared.</source>
        <translation>« %1 » a été annulé avant l’apparition du flux.</translation>
    </message>
    <message>
        <source>Recording of &quot;%1&quot; finished</source>
        <translation>Enregistrement de « %1 » terminé</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) saved: %1</source>
        <translation>
            <numerusform>%n fichier enregistré : %1</numerusform>
            <numerusform>%n fichiers enregistrés : %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Disk space is running low</source>
        <translation>L’espace disque devient insuffisant</translation>
    </message>
    <message>
        <source>%1 free in &quot;%2&quot;. Recordings stop cleanly below %3.</source>
        <translation>%1 libres dans « %2 ». En dessous de %3, les enregistrements s’arrêtent proprement.</translation>
    </message>
    <message>
        <source>Unfinished recordings found</source>
        <translation>Enregistrements inachevés trouvés</translation>
    </message>
    <message numerus="yes">
        <source>%n recording(s) were not closed properly, probably after a crash. Click to recover them.</source>
        <translation>
            <numerusform>%n enregistrement n’a pas été fermé correctement, probablement après un plantage. Cliquez pour le récupérer.</numerusform>
            <numerusform>%n enregistrements n’ont pas été fermés correctement, probablement après un plantage. Cliquez pour les récupérer.</numerusform>
        </translation>
    </message>
    <message>
        <source>The recovery wizard is not available in this build; use &quot;tapedeck recover&quot;.</source>
        <translation>L’assistant de récupération n’est pas disponible dans cette version ; utilisez « tapedeck recover ».</translation>
    </message>
    <message>
        <source>Closing the recordings…</source>
        <translation>Fermeture des enregistrements…</translation>
    </message>
    <message>
        <source>Tapedeck is still recording</source>
        <translation>Tapedeck enregistre toujours</translation>
    </message>
    <message>
        <source>Recording continues in the background. Use the tray icon to open the window or to quit.</source>
        <translation>L’enregistrement continue en arrière-plan. Utilisez l’icône de la zone de notification pour rouvrir la fenêtre ou quitter.</translation>
    </message>
    <message>
        <source>Recordings are running</source>
        <translation>Des enregistrements sont en cours</translation>
    </message>
    <message>
        <source>Stop all recordings and quit? Everything recorded so far is kept.</source>
        <translation>Arrêter tous les enregistrements et quitter ? Tout ce qui a été enregistré est conservé.</translation>
    </message>
    <message>
        <source>Recording into %1</source>
        <translation>Enregistrement dans %1</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::PlayerDialog</name>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Lire</translation>
    </message>
    <message>
        <source>This file cannot be played: %1</source>
        <translation>Impossible de lire ce fichier : %1</translation>
    </message>
    <message>
        <source>Playing %1</source>
        <translation>Lecture : %1</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::ProbeJob</name>
    <message>
        <source>Nothing was found at this address. (%1)</source>
        <translation>Rien n’a été trouvé à cette adresse. (%1)</translation>
    </message>
    <message>
        <source>Could not connect to the server. Check the address and that the server is running. (%1)</source>
        <translation>Connexion au serveur impossible. Vérifiez l’adresse et que le serveur fonctionne. (%1)</translation>
    </message>
    <message>
        <source>The source did not answer in time. Is the stream live? (%1)</source>
        <translation>La source n’a pas répondu à temps. Le flux est-il en direct ? (%1)</translation>
    </message>
    <message>
        <source>Tapedeck cannot read this kind of source. (%1)</source>
        <translation>Tapedeck ne sait pas lire ce type de source. (%1)</translation>
    </message>
    <message>
        <source>This address is not valid. (%1)</source>
        <translation>Cette adresse n’est pas valide. (%1)</translation>
    </message>
    <message>
        <source>The check was cancelled.</source>
        <translation>La vérification a été annulée.</translation>
    </message>
    <message>
        <source>The source could not be opened: %1</source>
        <translation>Impossible d’ouvrir la source : %1</translation>
    </message>
    <message>
        <source>Enter an address first.</source>
        <translation>Saisissez d’abord une adresse.</translation>
    </message>
    <message>
        <source>Tapedeck cannot read this kind of source.</source>
        <translation>Tapedeck ne sait pas lire ce type de source.</translation>
    </message>
    <message>
        <source>The source opened but carries no audio or video.</source>
        <translation>La source s’est ouverte mais ne contient ni audio ni vidéo.</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::RecordOptionsWidget</name>
    <message>
        <source>Off (one file)</source>
        <translation>Désactivé (un seul fichier)</translation>
    </message>
    <message>
        <source>at least </source>
        <translation>au moins </translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Start a new file after this many seconds. Files are cut on the next keyframe, so each chunk is at least this long.</source>
        <translation>Commencer un nouveau fichier après ce nombre de secondes. La coupure se fait à l’image clé suivante, chaque segment dure donc au moins cette durée.</translation>
    </message>
    <message>
        <source>MP4 (crash-safe)</source>
        <translation>MP4 (résistant aux plantages)</translation>
    </message>
    <message>
        <source>MPEG-TS</source>
        <translation>MPEG-TS</translation>
    </message>
    <message>
        <source>FLV</source>
        <translation>FLV</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Choose the output folder</source>
        <translation>Choisir le dossier de destination</translation>
    </message>
    <message>
        <source>Placeholders: {source} the source name, {date} year-month-day, {time} hours-minutes-seconds, {datetime} both</source>
        <translation>Variables : {source} nom de la source, {date} année-mois-jour, {time} heures-minutes-secondes, {datetime} les deux</translation>
    </message>
    <message>
        <source>&amp;Replace existing files</source>
        <translation>&amp;Remplacer les fichiers existants</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Format :</translation>
    </message>
    <message>
        <source>&amp;Chunk length:</source>
        <translation>&amp;Durée des segments :</translation>
    </message>
    <message>
        <source>F&amp;older:</source>
        <translation>D&amp;ossier :</translation>
    </message>
    <message>
        <source>File &amp;name:</source>
        <translation>&amp;Nom de fichier :</translation>
    </message>
    <message>
        <source>e.g. %1</source>
        <translation>p. ex. %1</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>Dossier de destination</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::RecordingCard</name>
    <message>
        <source>Waiting for stream</source>
        <translation>En attente du flux</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>Enregistre</translation>
    </message>
    <message>
        <source>Stopping</source>
        <translation>Arrêt en cours</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <source>No picture yet</source>
        <translation>Pas encore d’image</translation>
    </message>
    <message>
        <source>Elapsed:</source>
        <translation>Durée :</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>Taille :</translation>
    </message>
    <message>
        <source>Bitrate:</source>
        <translation>Débit :</translation>
    </message>
    <message>
        <source>Chunk:</source>
        <translation>Segment :</translation>
    </message>
    <message>
        <source>Dropped:</source>
        <translation>Perdus :</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Fichier :</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Masquer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>%1 kbit/s</source>
        <translation>%1 kbit/s</translation>
    </message>
    <message>
        <source>one file</source>
        <translation>un seul fichier</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::RecordingsList</name>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Modifié</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>&amp;Play</source>
        <translation>&amp;Lire</translation>
    </message>
    <message>
        <source>Show in &amp;folder</source>
        <translation>Afficher dans le &amp;dossier</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::SettingsDialog</name>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>Enregistrement</translation>
    </message>
    <message>
        <source>Crash safety</source>
        <translation>Résistance aux plantages</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Réseau</translation>
    </message>
    <message>
        <source>Disk</source>
        <translation>Disque</translation>
    </message>
    <message>
        <source>Behaviour</source>
        <translation>Comportement</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Choose the recordings folder</source>
        <translation>Choisir le dossier des enregistrements</translation>
    </message>
    <message>
        <source>Recordings folder</source>
        <translation>Dossier des enregistrements</translation>
    </message>
    <message>
        <source>Replace existing files</source>
        <translation>Remplacer les fichiers existants</translation>
    </message>
    <message>
        <source>Used for sources that have no settings of their own.</source>
        <translation>S’applique aux sources sans paramètres propres.</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Dossier :</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Format :</translation>
    </message>
    <message>
        <source>Chunk length:</source>
        <translation>Durée des segments :</translation>
    </message>
    <message>
        <source>File name:</source>
        <translation>Nom de fichier :</translation>
    </message>
    <message>
        <source>{source}, {date}, {time} and {datetime} are replaced.</source>
        <translation>{source}, {date}, {time} et {datetime} sont remplacés.</translation>
    </message>
    <message>
        <source>Every packet</source>
        <translation>Chaque paquet</translation>
    </message>
    <message>
        <source>Flush to disk every:</source>
        <translation>Écrire sur le disque toutes les :</translation>
    </message>
    <message>
        <source>MP4 recordings are written crash-safe. Data reaches the disk with every packet; this interval bounds what a power cut can lose. Shorter is safer, longer is easier on the disk.</source>
        <translation>Les enregistrements MP4 sont écrits de façon résistante aux plantages. Les données partent vers le disque à chaque paquet ; cet intervalle borne ce qu’une coupure de courant peut faire perdre. Plus court est plus sûr, plus long ménage le disque.</translation>
    </message>
    <message>
        <source>First reconnect after:</source>
        <translation>Première reconnexion après :</translation>
    </message>
    <message>
        <source>Longest wait between reconnects:</source>
        <translation>Attente maximale entre reconnexions :</translation>
    </message>
    <message>
        <source>Give up opening after:</source>
        <translation>Abandonner l’ouverture après :</translation>
    </message>
    <message>
        <source>Treat as dropped after no data for:</source>
        <translation>Considérer comme coupé sans données depuis :</translation>
    </message>
    <message>
        <source>Changes apply to recordings started from now on.</source>
        <translation>Les modifications s’appliquent aux enregistrements démarrés à partir de maintenant.</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> Mo</translation>
    </message>
    <message>
        <source>Keep free at least:</source>
        <translation>Garder libre au moins :</translation>
    </message>
    <message>
        <source>Below this, a recording does not start, and a running recording stops cleanly and keeps what it wrote.</source>
        <translation>En dessous, aucun enregistrement ne démarre, et un enregistrement en cours s’arrête proprement en conservant ce qu’il a écrit.</translation>
    </message>
    <message>
        <source>Keep running in the tray when the window is closed</source>
        <translation>Continuer dans la zone de notification quand la fenêtre est fermée</translation>
    </message>
    <message>
        <source>Start minimised to the tray</source>
        <translation>Démarrer réduit dans la zone de notification</translation>
    </message>
    <message>
        <source>Show notifications</source>
        <translation>Afficher les notifications</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Langue :</translation>
    </message>
    <message>
        <source>The window switches to the new language when you press OK; recordings keep running.</source>
        <translation>La fenêtre passe à la nouvelle langue dès que vous cliquez sur OK ; les enregistrements continuent.</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::SourceDialog</name>
    <message>
        <source>Add source</source>
        <translation>Ajouter une source</translation>
    </message>
    <message>
        <source>e.g. Studio camera</source>
        <translation>p. ex. Caméra du studio</translation>
    </message>
    <message>
        <source>rtmp://server/app/stream, rtsp://…, srt://…, https://…/index.m3u8, or a file</source>
        <translation>rtmp://serveur/app/flux, rtsp://…, srt://…, https://…/index.m3u8, ou un fichier</translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation>&amp;Vérifier</translation>
    </message>
    <message>
        <source>Connect to the address and list the streams it carries</source>
        <translation>Se connecter à l’adresse et lister les flux qu’elle contient</translation>
    </message>
    <message>
        <source>Not checked yet.</source>
        <translation>Pas encore vérifiée.</translation>
    </message>
    <message>
        <source>Passwords and stream keys in the address are kept in the system keychain, not in the settings file.</source>
        <translation>Les mots de passe et clés de flux de l’adresse sont conservés dans le trousseau du système, pas dans le fichier de paramètres.</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse :</translation>
    </message>
    <message>
        <source>Result:</source>
        <translation>Résultat :</translation>
    </message>
    <message>
        <source>Edit source</source>
        <translation>Modifier la source</translation>
    </message>
    <message numerus="yes">
        <source>Checking… (up to %n second(s))</source>
        <translation>
            <numerusform>Vérification… (jusqu’à %n seconde)</numerusform>
            <numerusform>Vérification… (jusqu’à %n secondes)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Found %n stream(s):</source>
        <translation>
            <numerusform>%n flux trouvé :</numerusform>
            <numerusform>%n flux trouvés :</numerusform>
        </translation>
    </message>
    <message>
        <source>A source named &quot;%1&quot; already exists. Choose another name.</source>
        <translation>Une source nommée « %1 » existe déjà. Choisissez un autre nom.</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::SourceStore</name>
    <message>
        <source>Demo (test pattern)</source>
        <translation>Démo (mire)</translation>
    </message>
    <message>
        <source>The stream address could not be saved in the keychain: %1</source>
        <translation>Impossible d’enregistrer l’adresse du flux dans le trousseau : %1</translation>
    </message>
    <message>
        <source>This source no longer exists.</source>
        <translation>Cette source n’existe plus.</translation>
    </message>
    <message>
        <source>The stream address with its password or key is not in the keychain any more. Edit the source and enter it again.</source>
        <translation>L’adresse du flux avec son mot de passe ou sa clé n’est plus dans le trousseau. Modifiez la source et saisissez-la de nouveau.</translation>
    </message>
    <message>
        <source>%1 with %2</source>
        <translation>%1 avec %2</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::TrayController</name>
    <message>
        <source>Nothing is recording</source>
        <translation>Aucun enregistrement en cours</translation>
    </message>
    <message>
        <source>Show Tapedeck</source>
        <translation>Afficher Tapedeck</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message numerus="yes">
        <source>Recording %n stream(s)</source>
        <translation>
            <numerusform>%n flux en cours d’enregistrement</numerusform>
            <numerusform>%n flux en cours d’enregistrement</numerusform>
        </translation>
    </message>
</context>
</TS>
