<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>HelpMenu</name>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>&amp;Documentation</source>
        <translation>&amp;Documentation</translation>
    </message>
    <message>
        <source>Documentation</source>
        <translation>Documentation</translation>
    </message>
    <message>
        <source>No web browser could be opened here. The documentation is at:
%1</source>
        <translation>Aucun navigateur web n’a pu être ouvert ici. La documentation se trouve à l’adresse :
%1</translation>
    </message>
    <message>
        <source>&amp;About Tapedeck</source>
        <translation>À &amp;propos de Tapedeck</translation>
    </message>
    <message>
        <source>About Tapedeck</source>
        <translation>À propos de Tapedeck</translation>
    </message>
    <message>
        <source>Tapedeck records live streams to MP4, MPEG-TS and FLV, and never loses a recording.</source>
        <translation>Tapedeck enregistre des flux en direct en MP4, MPEG-TS et FLV, et ne perd jamais un enregistrement.</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Tapedeck is already running</source>
        <translation>Tapedeck est déjà lancé</translation>
    </message>
    <message>
        <source>Another Tapedeck is running but does not answer. Close it (or end its process) and start Tapedeck again.</source>
        <translation>Un autre Tapedeck est lancé mais ne répond pas. Fermez-le (ou terminez son processus) et relancez Tapedeck.</translation>
    </message>
    <message>
        <source>The recorder refused the token (%1).</source>
        <translation>L’enregistreur a refusé le jeton (%1).</translation>
    </message>
    <message>
        <source>401</source>
        <translation>401</translation>
    </message>
    <message>
        <source>The recorder did not answer.</source>
        <translation>L’enregistreur n’a pas répondu.</translation>
    </message>
    <message>
        <source>The recorder cannot be reached: %1.</source>
        <translation>L’enregistreur est injoignable : %1.</translation>
    </message>
    <message>
        <source>The recorder answered with HTTP status %1.</source>
        <translation>L’enregistreur a répondu avec le statut HTTP %1.</translation>
    </message>
</context>
<context>
    <name>tapedeck::remote::RemoteRecorder</name>
    <message>
        <source>No sign of life for %1 s.</source>
        <translation>Aucun signe de vie depuis %1 s.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has a password or stream key, and the recorder at %2 is reached without TLS: it would cross the network in clear text, so it is not sent. Add the recorder with an https:// address, or keep the source on the recorder itself (the Recorders tab lists its sources).</source>
        <translation>« %1 » a un mot de passe ou une clé de flux, et l’enregistreur à %2 est joint sans TLS : il traverserait le réseau en clair, il n’est donc pas envoyé. Ajoutez l’enregistreur avec une adresse https://, ou gardez la source sur l’enregistreur lui-même (l’onglet Enregistreurs liste ses sources).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; was not recorded on the recorder: its password or stream key stays on this computer.</source>
        <translation>« %1 » n’a pas été enregistrée sur l’enregistreur : son mot de passe ou sa clé de flux reste sur cet ordinateur.</translation>
    </message>
    <message>
        <source>The connection was closed.</source>
        <translation>La connexion a été fermée.</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::ActiveRecordingsView</name>
    <message>
        <source>Nothing is recording. Choose a source and press Record.</source>
        <translation>Aucun enregistrement en cours. Choisissez une source et appuyez sur Enregistrer.</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::ChoosePage</name>
    <message>
        <source>Choose what to rebuild</source>
        <translation>Choisir ce qu’il faut reconstruire</translation>
    </message>
    <message>
        <source>Tick the recordings to rebuild and say where the rebuilt files should go.</source>
        <translation>Cochez les enregistrements à reconstruire et indiquez où enregistrer les fichiers reconstruits.</translation>
    </message>
    <message>
        <source>&amp;Rebuild</source>
        <translation>&amp;Reconstruire</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>Enregistrement</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>What is rebuilt</source>
        <translation>Ce qui est reconstruit</translation>
    </message>
    <message>
        <source>Saved as</source>
        <translation>Enregistré sous</translation>
    </message>
    <message>
        <source>Where to save</source>
        <translation>Emplacement</translation>
    </message>
    <message>
        <source>&amp;Beside the original files</source>
        <translation>À &amp;côté des fichiers d’origine</translation>
    </message>
    <message>
        <source>In this &amp;folder:</source>
        <translation>Dans ce &amp;dossier :</translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <source>&amp;Keep the original files</source>
        <translation>&amp;Garder les fichiers d’origine</translation>
    </message>
    <message>
        <source>Without it they are deleted, but only after the rebuilt file has been written completely and opened successfully.</source>
        <translation>Sinon, ils sont supprimés, mais seulement une fois le fichier reconstruit entièrement écrit et ouvert avec succès.</translation>
    </message>
    <message>
        <source>Frame rate of the video</source>
        <translation>Fréquence d’images de la vidéo</translation>
    </message>
    <message>
        <source>A raw H.264 file stores pictures but not when to show them, and these files carry no hint of their speed. Choose the rate they were recorded at (the camera&apos;s or encoder&apos;s setting). A wrong rate makes the picture run too fast or too slow and drift away from the sound.</source>
        <translation>Un fichier H.264 brut contient les images mais pas le moment de les afficher, et ces fichiers n’indiquent pas leur vitesse. Choisissez la fréquence à laquelle ils ont été enregistrés (le réglage de la caméra ou de l’encodeur). Une fréquence erronée fait défiler l’image trop vite ou trop lentement et la décale du son.</translation>
    </message>
    <message>
        <source>(cannot be rebuilt)</source>
        <translation>(impossible à reconstruire)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>%1 frames per second</source>
        <translation>%1 images par seconde</translation>
    </message>
    <message>
        <source>(no free name)</source>
        <translation>(aucun nom libre)</translation>
    </message>
    <message>
        <source>Save the rebuilt files in</source>
        <translation>Enregistrer les fichiers reconstruits dans</translation>
    </message>
    <message>
        <source>This is a file, not a folder.</source>
        <translation>Ceci est un fichier, pas un dossier.</translation>
    </message>
    <message>
        <source>Reference file for MP4s without index</source>
        <translation>Fichier de référence pour les MP4 sans index</translation>
    </message>
    <message>
        <source>An MP4 whose recorder stopped before writing its index is repaired with the layout of a healthy file from the same camera or program, or from the stream itself when it carries its settings.</source>
        <translation>Un MP4 dont l’enregistreur s’est arrêté avant d’écrire son index est réparé d’après la structure d’un fichier sain de la même caméra ou du même programme, ou d’après le flux lui-même s’il porte ses réglages.</translation>
    </message>
    <message>
        <source>None: the layout from the stream itself</source>
        <translation>Aucun : la structure du flux lui-même</translation>
    </message>
    <message>
        <source>Another file…</source>
        <translation>Autre fichier…</translation>
    </message>
    <message>
        <source>Layout from %1</source>
        <translation>Structure de %1</translation>
    </message>
    <message>
        <source>A healthy file from the same camera or program</source>
        <translation>Un fichier sain de la même caméra ou du même programme</translation>
    </message>
    <message>
        <source>MP4 and MOV files (*.mp4 *.mov *.m4a *.3gp);;All files (*)</source>
        <translation>Fichiers MP4 et MOV (*.mp4 *.mov *.m4a *.3gp);;Tous les fichiers (*)</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::DonePage</name>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Here is what became of each recording.</source>
        <translation>Voici ce qu’il est advenu de chaque enregistrement.</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>Enregistrement</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>&amp;Play</source>
        <translation>&amp;Lire</translation>
    </message>
    <message>
        <source>Show in &amp;folder</source>
        <translation>Afficher dans le &amp;dossier</translation>
    </message>
    <message>
        <source>Rebuilt as %1</source>
        <translation>Reconstruit sous %1</translation>
    </message>
    <message>
        <source>The original files were removed:
%1</source>
        <translation>Les fichiers d’origine ont été supprimés :
%1</translation>
    </message>
    <message>
        <source>Not rebuilt: stopped before its turn. The original files are untouched.</source>
        <translation>Non reconstruit : arrêté avant son tour. Les fichiers d’origine sont intacts.</translation>
    </message>
    <message>
        <source>Not chosen, not touched.</source>
        <translation>Non choisi, non modifié.</translation>
    </message>
    <message>
        <source>Cannot be rebuilt, not touched: %1</source>
        <translation>Impossible à reconstruire, non modifié : %1</translation>
    </message>
    <message>
        <source>Not a recording, not touched: %1</source>
        <translation>Pas un enregistrement, non modifié : %1</translation>
    </message>
    <message numerus="yes">
        <source>Left alone (%n)</source>
        <translation>
            <numerusform>Laissé tel quel (%n)</numerusform>
            <numerusform>Laissés tels quels (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n recording(s) rebuilt.</source>
        <translation>
            <numerusform>%n enregistrement reconstruit.</numerusform>
            <numerusform>%n enregistrements reconstruits.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n could not be rebuilt; the reason is shown beside each.</source>
        <translation>
            <numerusform>%n n’a pas pu être reconstruit ; la raison est indiquée à côté.</numerusform>
            <numerusform>%n n’ont pas pu être reconstruits ; la raison est indiquée à côté de chacun.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not rebuilt because you stopped.</source>
        <translation>
            <numerusform>%n non reconstruit car vous avez arrêté.</numerusform>
            <numerusform>%n non reconstruits car vous avez arrêté.</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a recording to play it or show it in its folder.</source>
        <translation>Sélectionnez un enregistrement pour le lire ou l’afficher dans son dossier.</translation>
    </message>
    <message>
        <source>No file manager could be opened here. The file is in %1</source>
        <translation>Aucun gestionnaire de fichiers n’a pu être ouvert ici. Le fichier se trouve dans %1</translation>
    </message>
    <message>
        <source>Nothing was recorded in it; kept as it is.</source>
        <translation>Rien n’y a été enregistré ; conservé tel quel.</translation>
    </message>
    <message>
        <source>Nothing was recorded in it; its leftover files were removed.</source>
        <translation>Rien n’y a été enregistré ; ses fichiers restants ont été supprimés.</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::LevelMeter</name>
    <message>
        <source>Peak %1 dBFS</source>
        <translation>Crête %1 dBFS</translation>
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
        <source>Recording</source>
        <translation>Enregistrement</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Enregistrer</translation>
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
    <message>
        <source>Passwords and stream keys are kept in memory until Tapedeck quits. Saved sources keep their addresses and ask for the password when you record.</source>
        <translation>Les mots de passe et clés de stream restent en mémoire jusqu’à la fermeture de Tapedeck. Les sources enregistrées gardent leur adresse et demandent le mot de passe à l’enregistrement.</translation>
    </message>
    <message>
        <source>Record when &amp;live</source>
        <translation>Enregistrer dès le &amp;direct</translation>
    </message>
    <message>
        <source>Record when live</source>
        <translation>Enregistrer dès le direct</translation>
    </message>
    <message>
        <source>Wait until the stream goes live and record it from its first frame</source>
        <translation>Attendre que le flux passe en direct et l’enregistrer dès sa première image</translation>
    </message>
    <message>
        <source>%1 (needs its password)</source>
        <translation>%1 (mot de passe requis)</translation>
    </message>
    <message>
        <source>The password or stream key was not kept; you will be asked for it when you record.</source>
        <translation>Le mot de passe ou la clé de stream n’a pas été conservé ; il vous sera demandé à l’enregistrement.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; was not recorded: it needs its password or stream key.</source>
        <translation>« %1 » n’a pas été enregistré : il faut son mot de passe ou sa clé de stream.</translation>
    </message>
    <message>
        <source>Stop which recording?</source>
        <translation>Arrêter quel enregistrement ?</translation>
    </message>
    <message numerus="yes">
        <source>%n recordings are running. Which one should stop?</source>
        <translation>
            <numerusform>%n enregistrement est en cours. Lequel arrêter ?</numerusform>
            <numerusform>%n enregistrements sont en cours. Lequel arrêter ?</numerusform>
        </translation>
    </message>
    <message>
        <source>Stop all</source>
        <translation>Tout arrêter</translation>
    </message>
    <message numerus="yes">
        <source>%n unfinished recording(s): recover…</source>
        <translation>
            <numerusform>%n enregistrement inachevé : récupérer…</numerusform>
            <numerusform>%n enregistrements inachevés : récupérer…</numerusform>
        </translation>
    </message>
    <message>
        <source>Open the recovery wizard with the recordings that were not closed properly</source>
        <translation>Ouvrir l’assistant de récupération avec les enregistrements mal fermés</translation>
    </message>
    <message numerus="yes">
        <source>Originals of %n rebuilt recording(s) kept: delete…</source>
        <translation>
            <numerusform>Originaux de %n enregistrement reconstruit conservés : supprimer…</numerusform>
            <numerusform>Originaux de %n enregistrements reconstruits conservés : supprimer…</numerusform>
        </translation>
    </message>
    <message>
        <source>Already rebuilt as: %1</source>
        <translation>Déjà reconstruit sous : %1</translation>
    </message>
    <message>
        <source>Delete kept originals</source>
        <translation>Supprimer les originaux conservés</translation>
    </message>
    <message numerus="yes">
        <source>These recordings were rebuilt and their rebuilt files exist. Move the %n original file(s) they were rebuilt from to the trash?</source>
        <translation>
            <numerusform>Ces enregistrements ont été reconstruits et leurs fichiers reconstruits existent. Mettre à la corbeille le fichier d’origine (%n) ?</numerusform>
            <numerusform>Ces enregistrements ont été reconstruits et leurs fichiers reconstruits existent. Mettre à la corbeille les %n fichiers d’origine ?</numerusform>
        </translation>
    </message>
    <message>
        <source>Move to trash</source>
        <translation>Mettre à la corbeille</translation>
    </message>
    <message>
        <source>The kept originals are in the trash.</source>
        <translation>Les originaux conservés sont dans la corbeille.</translation>
    </message>
    <message>
        <source>Some files were not moved to the trash</source>
        <translation>Certains fichiers n’ont pas été mis à la corbeille</translation>
    </message>
    <message>
        <source>There is no trash for these files; they were left where they are: %1</source>
        <translation>Pas de corbeille pour ces fichiers ; ils restent où ils sont : %1</translation>
    </message>
    <message>
        <source>Add a source…</source>
        <translation>Ajouter une source…</translation>
    </message>
    <message>
        <source>Edit the selected source…</source>
        <translation>Modifier la source choisie…</translation>
    </message>
    <message>
        <source>Remove the selected source</source>
        <translation>Retirer la source choisie</translation>
    </message>
    <message>
        <source>Retention could not delete everything</source>
        <translation>La conservation n’a pas pu tout supprimer</translation>
    </message>
    <message numerus="yes">
        <source>Retention deleted %n old file(s) in %1.</source>
        <translation>
            <numerusform>La conservation a supprimé %n ancien fichier dans %1.</numerusform>
            <numerusform>La conservation a supprimé %n anciens fichiers dans %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>At the current bitrates that is %1.</source>
        <translation>Aux débits actuels, cela fait %1.</translation>
    </message>
    <message>
        <source>Disk: %1</source>
        <translation>Disque : %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message numerus="yes">
        <source>(%n more folder(s))</source>
        <translation>
            <numerusform>(%n autre dossier)</numerusform>
            <numerusform>(%n autres dossiers)</numerusform>
        </translation>
    </message>
    <message>
        <source>Start at login could not be changed</source>
        <translation>Le démarrage à l’ouverture de session n’a pas pu être modifié</translation>
    </message>
    <message>
        <source>S&amp;plit now</source>
        <translation>&amp;Couper maintenant</translation>
    </message>
    <message>
        <source>Go on in a new file from the next keyframe (%1)</source>
        <translation>Continuer dans un nouveau fichier à partir de la prochaine image clé (%1)</translation>
    </message>
    <message>
        <source>Add &amp;marker</source>
        <translation>Ajouter un &amp;repère</translation>
    </message>
    <message>
        <source>Mark this moment as a chapter of the recording (%1)</source>
        <translation>Marquer ce moment comme chapitre de l’enregistrement (%1)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; goes on in a new file from the next keyframe.</source>
        <translation>« %1 » continue dans un nouveau fichier à partir de la prochaine image clé.</translation>
    </message>
    <message>
        <source>Marker %1</source>
        <translation>Repère %1</translation>
    </message>
    <message>
        <source>Marker &quot;%1&quot; at %2 in &quot;%3&quot;.</source>
        <translation>Repère « %1 » à %2 dans « %3 ».</translation>
    </message>
    <message>
        <source>Record on this computer or on a recorder (Recorders tab)</source>
        <translation>Enregistrer sur cet ordinateur ou sur un enregistreur (onglet Enregistreurs)</translation>
    </message>
    <message>
        <source>Record on:</source>
        <translation>Enregistrer sur :</translation>
    </message>
    <message>
        <source>Recorders</source>
        <translation>Enregistreurs</translation>
    </message>
    <message>
        <source>Recorder &quot;%1&quot; needs its token</source>
        <translation>L&apos;enregistreur « %1 » a besoin de son jeton</translation>
    </message>
    <message>
        <source>Its token was not kept (no keychain). Choose it in the Recorders tab and type the token again.</source>
        <translation>Son jeton n&apos;a pas été conservé (pas de trousseau). Sélectionnez-le dans l&apos;onglet Enregistreurs et saisissez à nouveau le jeton.</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Cet ordinateur</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>needs its token</source>
        <translation>jeton requis</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>non connecté</translation>
    </message>
    <message>
        <source>The recorder was not added: %1</source>
        <translation>L&apos;enregistreur n&apos;a pas été ajouté : %1</translation>
    </message>
    <message>
        <source>The recorder was not added</source>
        <translation>L&apos;enregistreur n&apos;a pas été ajouté</translation>
    </message>
    <message>
        <source>The recorder needs its token.</source>
        <translation>L&apos;enregistreur a besoin de son jeton.</translation>
    </message>
    <message>
        <source>This recorder no longer exists.</source>
        <translation>Cet enregistreur n&apos;existe plus.</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <source>Recording on the recorder &quot;%1&quot;</source>
        <translation>Enregistrement sur l&apos;enregistreur « %1 »</translation>
    </message>
    <message>
        <source>Nothing was recorded (the stream never appeared).</source>
        <translation>Rien n&apos;a été enregistré (le flux n&apos;est jamais apparu).</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) saved on the recorder: %1</source>
        <translation>
            <numerusform>%n fichier sauvegardé sur l&apos;enregistreur : %1</numerusform>
            <numerusform>%n fichiers sauvegardés sur l&apos;enregistreur : %1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (recorder unreachable)</source>
        <translation>%1 (enregistreur injoignable)</translation>
    </message>
    <message>
        <source>The recorder &quot;%1&quot; cannot be reached. %2 Its recordings go on; Tapedeck keeps trying.</source>
        <translation>L&apos;enregistreur « %1 » est injoignable. %2 Ses enregistrements continuent ; Tapedeck réessaie.</translation>
    </message>
    <message>
        <source>Connected to the recorder &quot;%1&quot;.</source>
        <translation>Connecté à l&apos;enregistreur « %1 ».</translation>
    </message>
    <message>
        <source>It could not be stopped: %1</source>
        <translation>Impossible de l&apos;arrêter : %1</translation>
    </message>
    <message>
        <source>Black picture</source>
        <translation>Image noire</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has recorded a black picture for %2: check the source&apos;s camera or video.</source>
        <translation>« %1 » a enregistré une image noire pendant %2 : vérifiez la caméra ou la vidéo de la source.</translation>
    </message>
    <message>
        <source>&amp;Keep recording whenever live</source>
        <translation>Enregistrer à c&amp;haque direct</translation>
    </message>
    <message>
        <source>Record when live stays armed: a new file each time the stream goes live, closed when it goes away, until you press Stop</source>
        <translation>« Enregistrer dès le direct » reste armé : un nouveau fichier à chaque passage en direct, fermé à la fin du direct, jusqu’à ce que vous appuyiez sur Arrêter</translation>
    </message>
    <message>
        <source>Sc&amp;hedules…</source>
        <translation>&amp;Programmations…</translation>
    </message>
    <message>
        <source>Schedule a recording…</source>
        <translation>Programmer un enregistrement…</translation>
    </message>
    <message>
        <source>Keep recording whenever live</source>
        <translation>Enregistrer à chaque direct</translation>
    </message>
    <message>
        <source>Tapedeck waits for a scheduled recording</source>
        <translation>Tapedeck attend un enregistrement programmé</translation>
    </message>
    <message>
        <source>It keeps running in the tray to record on time (%1). Quit from the tray icon to stop it.</source>
        <translation>Tapedeck reste dans la zone de notification pour enregistrer à l’heure (%1). Pour l’arrêter, quittez-le depuis son icône.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is recorded every time it is live, until you press Stop.</source>
        <translation>« %1 » est enregistré à chaque passage en direct, jusqu’à ce que vous appuyiez sur Arrêter.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is no longer live</source>
        <translation>« %1 » n’est plus en direct</translation>
    </message>
    <message>
        <source>Saved %1; recording again when it is live.</source>
        <translation>%1 enregistré ; nouvel enregistrement dès le retour du direct.</translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>the computer was asleep</source>
        <translation>l’ordinateur était en veille</translation>
    </message>
    <message>
        <source>Tapedeck was not running</source>
        <translation>Tapedeck n’était pas lancé</translation>
    </message>
    <message>
        <source>the time zone changed</source>
        <translation>le fuseau horaire a changé</translation>
    </message>
    <message>
        <source>the computer was busy</source>
        <translation>l’ordinateur était occupé</translation>
    </message>
    <message>
        <source>Schedules saved.</source>
        <translation>Programmations enregistrées.</translation>
    </message>
    <message>
        <source>Next: %1, %2</source>
        <translation>Prochain : %1, %2</translation>
    </message>
    <message>
        <source>a removed source</source>
        <translation>une source supprimée</translation>
    </message>
    <message>
        <source>Scheduled: records until %1 (another schedule of this source).</source>
        <translation>Programmé : enregistre jusqu’à %1 (autre programmation de cette source).</translation>
    </message>
    <message numerus="yes">
        <source>%n scheduled recording(s) of &quot;%1&quot; did not happen (the last from %2 to %3): %4.</source>
        <translation>
            <numerusform>%n enregistrement programmé de « %1 » n’a pas eu lieu (le dernier de %2 à %3) : %4.</numerusform>
            <numerusform>%n enregistrements programmés de « %1 » n’ont pas eu lieu (le dernier de %2 à %3) : %4.</numerusform>
        </translation>
    </message>
    <message>
        <source>&quot;%1&quot; was to record from %2 to %3, but %4. Its stop time has passed, so it was not started.</source>
        <translation>« %1 » devait enregistrer de %2 à %3, mais %4. Son heure de fin est passée, il n’a donc pas été démarré.</translation>
    </message>
    <message>
        <source>Scheduled recording missed</source>
        <translation>Enregistrement programmé manqué</translation>
    </message>
    <message>
        <source>Scheduled recording did not start</source>
        <translation>L’enregistrement programmé n’a pas démarré</translation>
    </message>
    <message>
        <source>Its source no longer exists. Change the schedule in Recording → Schedules.</source>
        <translation>Sa source n’existe plus. Modifiez la programmation dans Enregistrement → Programmations.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is already recording</source>
        <translation>« %1 » est déjà en cours d’enregistrement</translation>
    </message>
    <message>
        <source>A schedule starts now; the recording that runs is left as it is.</source>
        <translation>Une programmation commence maintenant ; l’enregistrement en cours reste tel quel.</translation>
    </message>
    <message>
        <source>Scheduled recording of &quot;%1&quot; did not start</source>
        <translation>L’enregistrement programmé de « %1 » n’a pas démarré</translation>
    </message>
    <message>
        <source>It needs its password or stream key, which was not kept. Record it once by hand to type it.</source>
        <translation>Son mot de passe ou sa clé de stream n’a pas été conservé. Lancez une fois l’enregistrement manuellement pour le saisir.</translation>
    </message>
    <message>
        <source>Scheduled recording of &quot;%1&quot; started</source>
        <translation>Enregistrement programmé de « %1 » démarré</translation>
    </message>
    <message>
        <source>Scheduled: records until %1.</source>
        <translation>Programmé : enregistre jusqu’à %1.</translation>
    </message>
    <message>
        <source>Started %1 late: %2.</source>
        <translation>Démarré avec %1 de retard : %2.</translation>
    </message>
    <message>
        <source>It records until %1.</source>
        <translation>L’enregistrement dure jusqu’à %1.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not armed</source>
        <translation>« %1 » n’est pas armée</translation>
    </message>
    <message>
        <source>It was recording whenever live, but needs its password or stream key, which was not kept. Press Record when live to type it.</source>
        <translation>Elle était enregistrée dès qu’elle passait en direct, mais il lui faut son mot de passe ou sa clé de flux, qui n’a pas été conservé. Cliquez sur « Enregistrer dès le direct » pour le saisir.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is armed again: it is recorded every time it is live.</source>
        <translation>« %1 » est de nouveau armée : elle est enregistrée chaque fois qu’elle est en direct.</translation>
    </message>
    <message>
        <source>Keep the password on the recorder?</source>
        <translation>Conserver le mot de passe sur l’enregistreur ?</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has a password or stream key. To record it on &quot;%2&quot;, the recorder keeps it as its own source &quot;%3&quot;: the password is sent to it once, now; from then on only the name is.</source>
        <translation>« %1 » a un mot de passe ou une clé de flux. Pour l’enregistrer sur « %2 », l’enregistreur la conserve comme sa propre source « %3 » : le mot de passe lui est envoyé une fois, maintenant ; ensuite, seul le nom l’est.</translation>
    </message>
    <message>
        <source>The recorder lists it under Recorders → Sources; remove it there with the recorder&apos;s API when it is no longer needed.</source>
        <translation>L’enregistreur la liste sous Enregistreurs → Sources ; supprimez-la là avec l’API de l’enregistreur quand elle n’est plus utile.</translation>
    </message>
    <message>
        <source>Keep it there and record</source>
        <translation>La conserver là et enregistrer</translation>
    </message>
    <message>
        <source>&quot;%1&quot; was not split: %2</source>
        <translation>« %1 » n’a pas été coupé : %2</translation>
    </message>
    <message>
        <source>The marker was not added to &quot;%1&quot;: %2</source>
        <translation>Le repère n’a pas été ajouté à « %1 » : %2</translation>
    </message>
    <message>
        <source>The schedule starts it again in %1 s, into a new file (it records until %2).</source>
        <translation>La programmation la relance dans %1 s, dans un nouveau fichier (enregistrement jusqu’à %2).</translation>
    </message>
    <message>
        <source>Not started again: its scheduled stop (%1) is too near.</source>
        <translation>Pas relancé : son arrêt programmé (%1) est trop proche.</translation>
    </message>
    <message>
        <source>Scheduled recording of &quot;%1&quot; stopped early</source>
        <translation>L’enregistrement programmé de « %1 » s’est arrêté trop tôt</translation>
    </message>
    <message>
        <source>Started again after it stopped early (restart %1); earlier files are kept.</source>
        <translation>Relancé après un arrêt prématuré (relance %1) ; les fichiers précédents sont conservés.</translation>
    </message>
    <message>
        <source>Scheduled recording of &quot;%1&quot; started again</source>
        <translation>L’enregistrement programmé de « %1 » a été relancé</translation>
    </message>
    <message>
        <source>Tapedeck ended during the run</source>
        <translation>Tapedeck s’est arrêté pendant l’enregistrement</translation>
    </message>
    <message>
        <source>Started again: Tapedeck ended during this run. What it recorded before is kept; Tapedeck offers to recover it.</source>
        <translation>Redémarré : Tapedeck s’est arrêté pendant cet enregistrement. Ce qui avait été enregistré est conservé ; Tapedeck propose de le récupérer.</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::OrphanText</name>
    <message>
        <source>Tapedeck recording</source>
        <translation>Enregistrement Tapedeck</translation>
    </message>
    <message>
        <source>Raw H.264/AAC pair</source>
        <translation>Paire H.264/AAC brute</translation>
    </message>
    <message>
        <source>Raw H.264 video</source>
        <translation>Vidéo H.264 brute</translation>
    </message>
    <message>
        <source>Raw AAC audio</source>
        <translation>Audio AAC brut</translation>
    </message>
    <message>
        <source>Interrupted TS</source>
        <translation>TS interrompu</translation>
    </message>
    <message>
        <source>Interrupted FLV</source>
        <translation>FLV interrompu</translation>
    </message>
    <message>
        <source>Not a recording</source>
        <translation>Pas un enregistrement</translation>
    </message>
    <message>
        <source>video</source>
        <translation>vidéo</translation>
    </message>
    <message>
        <source>audio</source>
        <translation>audio</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <source>not known yet</source>
        <translation>pas encore connue</translation>
    </message>
    <message>
        <source>Already complete: only the leftover index files are tidied up</source>
        <translation>Déjà complet : seuls les fichiers d’index restants sont rangés</translation>
    </message>
    <message>
        <source>picture and sound</source>
        <translation>image et son</translation>
    </message>
    <message>
        <source>the picture only</source>
        <translation>l’image seulement</translation>
    </message>
    <message>
        <source>the sound only</source>
        <translation>le son seulement</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Tout</translation>
    </message>
    <message>
        <source>Everything: %1</source>
        <translation>Tout : %1</translation>
    </message>
    <message>
        <source>Everything but the cut-off end</source>
        <translation>Tout sauf la fin coupée</translation>
    </message>
    <message>
        <source>Everything but the cut-off end: %1</source>
        <translation>Tout sauf la fin coupée : %1</translation>
    </message>
    <message>
        <source>Only the undamaged part</source>
        <translation>Seulement la partie intacte</translation>
    </message>
    <message>
        <source>Only the undamaged part: %1</source>
        <translation>Seulement la partie intacte : %1</translation>
    </message>
    <message>
        <source>Nothing can be rebuilt</source>
        <translation>Rien ne peut être reconstruit</translation>
    </message>
    <message>
        <source>Files:</source>
        <translation>Fichiers :</translation>
    </message>
    <message>
        <source>MP4 without index — repairable</source>
        <translation>MP4 sans index — réparable</translation>
    </message>
    <message>
        <source>Being recorded right now: left alone until it is finished</source>
        <translation>En cours d’enregistrement : laissé tel quel jusqu’à la fin</translation>
    </message>
    <message>
        <source>Being recorded right now (since %1): left alone until it is finished</source>
        <translation>En cours d’enregistrement (depuis %1) : laissé tel quel jusqu’à la fin</translation>
    </message>
    <message>
        <source>Being recovered by another process: left alone</source>
        <translation>En cours de récupération par un autre processus : laissé tel quel</translation>
    </message>
    <message>
        <source>Being recovered by another process (since %1): left alone</source>
        <translation>En cours de récupération par un autre processus (depuis %1) : laissé tel quel</translation>
    </message>
    <message>
        <source>Repaired into a new file, layout from the stream itself</source>
        <translation>Réparé dans un nouveau fichier, structure du flux lui-même</translation>
    </message>
    <message>
        <source>Repaired into a new file, layout from %1</source>
        <translation>Réparé dans un nouveau fichier, structure de %1</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>en cours d’utilisation</translation>
    </message>
    <message>
        <source>damaged</source>
        <translation>endommagé</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>illisible</translation>
    </message>
    <message>
        <source>already complete</source>
        <translation>déjà complet</translation>
    </message>
    <message>
        <source>unfinished</source>
        <translation>inachevé</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 — an unfinished MP4 recording</source>
        <translation>%1 — un enregistrement MP4 inachevé</translation>
    </message>
    <message>
        <source>%1 — the picture of an unfinished recording</source>
        <translation>%1 — l’image d’un enregistrement inachevé</translation>
    </message>
    <message>
        <source>%1 — the sound of an unfinished recording</source>
        <translation>%1 — le son d’un enregistrement inachevé</translation>
    </message>
    <message>
        <source>Nothing was recorded in it: its leftover files are removed</source>
        <translation>Rien n’y a été enregistré : ses fichiers restants sont supprimés</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>vide</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::PickPage</name>
    <message>
        <source>Which recordings were lost?</source>
        <translation>Quels enregistrements ont été perdus ?</translation>
    </message>
    <message>
        <source>Drop the files or folders of an interrupted recording here, or add them with the buttons. Tapedeck only reads them while it looks; nothing is changed before you say so.</source>
        <translation>Déposez ici les fichiers ou dossiers d’un enregistrement interrompu, ou ajoutez-les avec les boutons. Tapedeck se contente de les lire pendant la recherche ; rien n’est modifié sans votre accord.</translation>
    </message>
    <message>
        <source>Drop files or folders here

or use the buttons below</source>
        <translation>Déposez des fichiers ou dossiers ici

ou utilisez les boutons ci-dessous</translation>
    </message>
    <message>
        <source>Add &amp;files…</source>
        <translation>Ajouter des &amp;fichiers…</translation>
    </message>
    <message>
        <source>Add f&amp;older…</source>
        <translation>Ajouter un d&amp;ossier…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Retirer</translation>
    </message>
    <message>
        <source>%1 — a folder, with everything in it (in %2)</source>
        <translation>%1 — un dossier, avec tout son contenu (dans %2)</translation>
    </message>
    <message>
        <source>%1 (in %2)</source>
        <translation>%1 (dans %2)</translation>
    </message>
    <message>
        <source>%1 — not found (in %2)</source>
        <translation>%1 — introuvable (dans %2)</translation>
    </message>
    <message>
        <source>Press Next to look at them. More can be dropped or added.</source>
        <translation>Cliquez sur Suivant pour les examiner. Vous pouvez en déposer ou en ajouter d’autres.</translation>
    </message>
    <message>
        <source>Add files</source>
        <translation>Ajouter des fichiers</translation>
    </message>
    <message>
        <source>Recordings and their parts (*.mp4.* *.h264 *.aac *.ts *.flv *.mp4)</source>
        <translation>Enregistrements et leurs parties (*.mp4.* *.h264 *.aac *.ts *.flv *.mp4)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Add a folder</source>
        <translation>Ajouter un dossier</translation>
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
    <message>
        <source>Left and Right arrows jump 5 seconds</source>
        <translation>Les flèches gauche et droite sautent de 5 secondes</translation>
    </message>
    <message>
        <source>Volume (Up and Down arrows)</source>
        <translation>Volume (flèches haut et bas)</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>Plein écran</translation>
    </message>
    <message>
        <source>F or double-click; Esc leaves full screen</source>
        <translation>F ou double-clic ; Échap quitte le plein écran</translation>
    </message>
    <message>
        <source>Volume:</source>
        <translation>Volume :</translation>
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
        <source>The source opened but carries no audio or video.</source>
        <translation>La source s’est ouverte mais ne contient ni audio ni vidéo.</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::RebuildPage</name>
    <message>
        <source>Stopped before it was finished. Nothing was written and the original files are untouched.</source>
        <translation>Arrêté avant la fin. Rien n’a été écrit et les fichiers d’origine sont intacts.</translation>
    </message>
    <message>
        <source>Could not be rebuilt: %1. The original files are untouched.</source>
        <translation>Impossible à reconstruire : %1. Les fichiers d’origine sont intacts.</translation>
    </message>
    <message>
        <source>Rebuilding</source>
        <translation>Reconstruction</translation>
    </message>
    <message>
        <source>The recordings are rebuilt one after another. You can keep using Tapedeck meanwhile, or close this window: you will be told when it is done.</source>
        <translation>Les enregistrements sont reconstruits l’un après l’autre. Vous pouvez continuer à utiliser Tapedeck pendant ce temps, ou mettre cette fenêtre de côté : vous serez prévenu à la fin.</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Arrêter</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>Enregistrement</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progression</translation>
    </message>
    <message>
        <source>Stopping after the current step…</source>
        <translation>Arrêt après l’étape en cours…</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Démarrage…</translation>
    </message>
    <message>
        <source>Rebuilding…</source>
        <translation>Reconstruction…</translation>
    </message>
    <message>
        <source>Rebuilding %1 (%2 of %3)…</source>
        <translation>Reconstruction de %1 (%2 sur %3)…</translation>
    </message>
    <message>
        <source>Rebuilt: %1</source>
        <translation>Reconstruit : %1</translation>
    </message>
    <message>
        <source>Not rebuilt: stopped before its turn</source>
        <translation>Non reconstruit : arrêté avant son tour</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Arrêté.</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Terminé.</translation>
    </message>
    <message>
        <source>Nothing was recorded in it: removed</source>
        <translation>Rien n’y a été enregistré : supprimé</translation>
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
    <message>
        <source>This source is recording: changes apply to its next recording.</source>
        <translation>Cette source est en cours d’enregistrement : les changements s’appliqueront à son prochain enregistrement.</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::RecorderDialog</name>
    <message>
        <source>Add a recorder</source>
        <translation>Ajouter un enregistreur</translation>
    </message>
    <message>
        <source>Studio server</source>
        <translation>Serveur du studio</translation>
    </message>
    <message>
        <source>recorder.example:8417</source>
        <translation>recorder.example:8417</translation>
    </message>
    <message>
        <source>On the recorder: cat DIR/token. Kept in the keychain, like passwords.</source>
        <translation>Sur l&apos;enregistreur : cat DIR/token. Conservé dans le trousseau, comme les mots de passe.</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nom :</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Adresse :</translation>
    </message>
    <message>
        <source>Token:</source>
        <translation>Jeton :</translation>
    </message>
    <message>
        <source>The token of &quot;%1&quot;</source>
        <translation>Le jeton de « %1 »</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::RecordersView</name>
    <message>
        <source>Add recorder…</source>
        <translation>Ajouter un enregistreur…</translation>
    </message>
    <message>
        <source>Drive a Tapedeck recorder service (tapedeck-cli serve) from this studio</source>
        <translation>Piloter un service d&apos;enregistreur Tapedeck (tapedeck-cli serve) depuis ce studio</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Stop watching this recorder (its recordings go on there)</source>
        <translation>Ne plus suivre cet enregistreur (ses enregistrements y continuent)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Recover on the recorder</source>
        <translation>Récupérer sur l&apos;enregistreur</translation>
    </message>
    <message>
        <source>Ask the recorder to rebuild its unfinished recordings</source>
        <translation>Demander à l&apos;enregistreur de reconstruire ses enregistrements inachevés</translation>
    </message>
    <message>
        <source>Files on the selected recorder:</source>
        <translation>Fichiers sur l&apos;enregistreur sélectionné :</translation>
    </message>
    <message numerus="yes">
        <source>%n recording(s) rebuilt on the recorder.</source>
        <translation>
            <numerusform>%n enregistrement reconstruit sur l&apos;enregistreur.</numerusform>
            <numerusform>%n enregistrements reconstruits sur l&apos;enregistreur.</numerusform>
        </translation>
    </message>
    <message>
        <source>needs its token</source>
        <translation>jeton requis</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>non connecté</translation>
    </message>
    <message>
        <source>%1 — %2 — %3</source>
        <translation>%1 — %2 — %3</translation>
    </message>
    <message>
        <source>This recorder needs its token.</source>
        <translation>Cet enregistreur a besoin de son jeton.</translation>
    </message>
    <message>
        <source>Add a recorder to see its files.</source>
        <translation>Ajoutez un enregistreur pour voir ses fichiers.</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source> (recording)</source>
        <translation> (enregistrement en cours)</translation>
    </message>
    <message>
        <source>No unfinished recordings on this recorder.</source>
        <translation>Aucun enregistrement inachevé sur cet enregistreur.</translation>
    </message>
    <message numerus="yes">
        <source>%n unfinished recording(s) can be rebuilt on the recorder.</source>
        <translation>
            <numerusform>%n enregistrement inachevé peut être reconstruit sur l&apos;enregistreur.</numerusform>
            <numerusform>%n enregistrements inachevés peuvent être reconstruits sur l&apos;enregistreur.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sources kept on the recorder with their passwords and stream keys; recording one sends only its name</source>
        <translation>Sources conservées sur l’enregistreur avec leurs mots de passe et clés de flux ; en enregistrer une n’envoie que son nom</translation>
    </message>
    <message>
        <source>Record there</source>
        <translation>Enregistrer là-bas</translation>
    </message>
    <message>
        <source>Record the selected source on this recorder, with the options of the Sources tab (format, chunk length)</source>
        <translation>Enregistrer la source choisie sur cet enregistreur, avec les options des sources (format, durée des segments)</translation>
    </message>
    <message>
        <source>Sources on the selected recorder:</source>
        <translation>Sources de l’enregistreur choisi :</translation>
    </message>
    <message>
        <source>Its password or stream key is kept on the recorder</source>
        <translation>Son mot de passe ou sa clé de flux est conservé sur l’enregistreur</translation>
    </message>
    <message>
        <source>None yet: recording a source with a password here offers to keep it on the recorder.</source>
        <translation>Aucune pour l’instant : enregistrer ici une source avec mot de passe propose de la conserver sur l’enregistreur.</translation>
    </message>
    <message>
        <source>Record there whenever live</source>
        <translation>Enregistrer là-bas à chaque direct</translation>
    </message>
    <message>
        <source>The recorder waits for the stream and records it each time it goes live (a new file each time), until you press Stop on its card</source>
        <translation>L’enregistreur attend le flux et l’enregistre à chaque passage en direct (un nouveau fichier à chaque fois), jusqu’à ce que vous appuyiez sur Arrêter sur sa carte</translation>
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
    <message>
        <source>under a minute</source>
        <translation>moins d’une minute</translation>
    </message>
    <message numerus="yes">
        <source>about %n min</source>
        <translation>
            <numerusform>environ %n min</numerusform>
            <numerusform>environ %n min</numerusform>
        </translation>
    </message>
    <message>
        <source>about %1 h %2 min</source>
        <translation>environ %1 h %2 min</translation>
    </message>
    <message numerus="yes">
        <source>about %n days</source>
        <translation>
            <numerusform>environ %n jour</numerusform>
            <numerusform>environ %n jours</numerusform>
        </translation>
    </message>
    <message>
        <source>free space unknown</source>
        <translation>espace libre inconnu</translation>
    </message>
    <message>
        <source>%1 free: below the reserve of %2</source>
        <translation>%1 libres : sous la réserve de %2</translation>
    </message>
    <message>
        <source>%1 free</source>
        <translation>%1 libres</translation>
    </message>
    <message>
        <source>%1 free, %2 left</source>
        <translation>%1 libres, encore %2</translation>
    </message>
    <message>
        <source>Disk:</source>
        <translation>Disque :</translation>
    </message>
    <message>
        <source>Split now</source>
        <translation>Couper maintenant</translation>
    </message>
    <message>
        <source>Close this file and go on in a new one from the next keyframe</source>
        <translation>Fermer ce fichier et continuer dans un nouveau à partir de la prochaine image clé</translation>
    </message>
    <message>
        <source>Marker name</source>
        <translation>Nom du repère</translation>
    </message>
    <message>
        <source>Add marker</source>
        <translation>Ajouter un repère</translation>
    </message>
    <message>
        <source>Audio:</source>
        <translation>Son :</translation>
    </message>
    <message>
        <source>Silent for %1: check the source&apos;s sound.</source>
        <translation>Silence depuis %1 : vérifiez le son de la source.</translation>
    </message>
    <message>
        <source>Packets lost because the disk could not keep up. Access units that hold no picture (some sources send them after network loss) are left out of the file and counted apart.</source>
        <translation>Paquets perdus parce que le disque n’a pas suivi. Les unités d’accès sans image (certaines sources en envoient après une perte réseau) sont écartées du fichier et comptées à part.</translation>
    </message>
    <message>
        <source>%1 (+%2 without a picture)</source>
        <translation>%1 (+%2 sans image)</translation>
    </message>
    <message>
        <source>The tracks this recording writes (choose them with Tracks… in the source&apos;s dialog)</source>
        <translation>Les pistes que cet enregistrement écrit (à choisir avec Pistes… dans la fenêtre de la source)</translation>
    </message>
    <message>
        <source>Tracks:</source>
        <translation>Pistes :</translation>
    </message>
    <message>
        <source>Waiting for the stream (records it every time it is live)</source>
        <translation>En attente du flux (enregistré à chaque direct)</translation>
    </message>
    <message>
        <source>Waiting for the stream (recorded once)</source>
        <translation>En attente du flux (enregistré une fois)</translation>
    </message>
    <message>
        <source>Waiting for the stream (recorded %1 times)</source>
        <translation>En attente du flux (enregistré %1 fois)</translation>
    </message>
    <message>
        <source>Recording (take %1)</source>
        <translation>Enregistre (prise %1)</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>Enregistré : %1</translation>
    </message>
    <message>
        <source>Black picture for %1: check the source&apos;s camera or video.</source>
        <translation>Image noire depuis %1 : vérifiez la caméra ou la vidéo de la source.</translation>
    </message>
    <message>
        <source>The disk is full: the recording stopped. Free some space and record again. (%1)</source>
        <translation>Le disque est plein : l’enregistrement s’est arrêté. Libérez de la place et enregistrez à nouveau. (%1)</translation>
    </message>
    <message>
        <source>The recording could not be written to the disk. (%1)</source>
        <translation>L’enregistrement n’a pas pu être écrit sur le disque. (%1)</translation>
    </message>
    <message>
        <source>The source came back without the tracks chosen for this recording: the recording ended there and keeps what it had.</source>
        <translation>La source est revenue sans les pistes choisies pour cet enregistrement : l’enregistrement s’est arrêté là et garde ce qu’il avait.</translation>
    </message>
    <message>
        <source>What was written is kept: File → Recover recordings… rebuilds it.</source>
        <translation>Ce qui a été écrit est conservé : Fichier → Récupérer des enregistrements… le reconstruit.</translation>
    </message>
    <message>
        <source>The recording failed. Hold the mouse over this message for the details (in English).</source>
        <translation>L’enregistrement a échoué. Placez la souris sur ce message pour voir les détails (en anglais).</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::RecordingsList</name>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>&amp;Play</source>
        <translation>&amp;Lire</translation>
    </message>
    <message>
        <source>Show in &amp;folder</source>
        <translation>Afficher dans le &amp;dossier</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Filter by name or source</source>
        <translation>Filtrer par nom ou source</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>Tous les états</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>&amp;Renommer…</translation>
    </message>
    <message>
        <source>Move to &amp;Trash…</source>
        <translation>&amp;Corbeille…</translation>
    </message>
    <message>
        <source>Being recorded right now (since %1).</source>
        <translation>En cours d’enregistrement (depuis %1).</translation>
    </message>
    <message>
        <source>Being recorded right now.</source>
        <translation>En cours d’enregistrement.</translation>
    </message>
    <message>
        <source>Rebuilt by the recovery wizard.</source>
        <translation>Reconstruit par l’assistant de récupération.</translation>
    </message>
    <message>
        <source>Being recovered right now.</source>
        <translation>En cours de récupération.</translation>
    </message>
    <message>
        <source>Not closed properly. File → Recover recordings… rebuilds it.</source>
        <translation>Mal refermé. Fichier → Récupérer des enregistrements… le reconstruit.</translation>
    </message>
    <message>
        <source>Does not open: %1</source>
        <translation>Ne s’ouvre pas : %1</translation>
    </message>
    <message>
        <source>%1 + recording</source>
        <translation>%1 + en cours</translation>
    </message>
    <message>
        <source>recording</source>
        <translation>en cours</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is being recorded right now. Stop the recording first; then it can be renamed or moved to the trash.</source>
        <translation>« %1 » est en cours d’enregistrement. Arrêtez d’abord l’enregistrement ; il pourra ensuite être renommé ou mis à la corbeille.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is being rebuilt by the recovery wizard right now. Wait until it is done.</source>
        <translation>« %1 » est en cours de reconstruction par l’assistant de récupération. Attendez qu’il ait terminé.</translation>
    </message>
    <message>
        <source>Nothing to play yet: the first part of this recording is still being written.</source>
        <translation>Rien à lire pour l’instant : la première partie de cet enregistrement est encore en cours d’écriture.</translation>
    </message>
    <message>
        <source>No file manager could be opened here. The recording is in %1</source>
        <translation>Aucun gestionnaire de fichiers n’a pu être ouvert ici. L’enregistrement se trouve dans %1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; was not closed properly. Recover it first (File → Recover recordings…).</source>
        <translation>« %1 » a été mal refermé. Récupérez-le d’abord (Fichier → Récupérer des enregistrements…).</translation>
    </message>
    <message>
        <source>Rename recording</source>
        <translation>Renommer l’enregistrement</translation>
    </message>
    <message numerus="yes">
        <source>New name for &quot;%1&quot; (its %n parts keep their numbers):</source>
        <translation>
            <numerusform>Nouveau nom pour « %1 » (sa %n partie garde son numéro) :</numerusform>
            <numerusform>Nouveau nom pour « %1 » (ses %n parties gardent leurs numéros) :</numerusform>
        </translation>
    </message>
    <message>
        <source>New name for &quot;%1&quot;:</source>
        <translation>Nouveau nom pour « %1 » :</translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot be renamed to &quot;%2&quot;: a file of that name exists (%3).</source>
        <translation>« %1 » ne peut pas être renommé en « %2 » : un fichier de ce nom existe (%3).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot be renamed: %2</source>
        <translation>« %1 » ne peut pas être renommé : %2</translation>
    </message>
    <message>
        <source>Move to trash</source>
        <translation>Mettre à la corbeille</translation>
    </message>
    <message>
        <source>Move &quot;%1&quot; to the trash?</source>
        <translation>Mettre « %1 » à la corbeille ?</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s), %1. You can restore them from the trash.</source>
        <translation>
            <numerusform>%n fichier, %1. Vous pourrez le restaurer depuis la corbeille.</numerusform>
            <numerusform>%n fichiers, %1. Vous pourrez les restaurer depuis la corbeille.</numerusform>
        </translation>
    </message>
    <message>
        <source>Move to Trash</source>
        <translation>Mettre à la corbeille</translation>
    </message>
    <message>
        <source>&quot;%1&quot; could not be moved to the trash: %2</source>
        <translation>« %1 » n’a pas pu être mis à la corbeille : %2</translation>
    </message>
    <message>
        <source>Recording</source>
        <comment>column: the recording&apos;s name</comment>
        <translation>Enregistrement</translation>
    </message>
    <message>
        <source>Recording</source>
        <comment>library state</comment>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Finished</source>
        <comment>library state</comment>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Recovered</source>
        <comment>library state</comment>
        <translation>Récupéré</translation>
    </message>
    <message>
        <source>Unfinished</source>
        <comment>library state</comment>
        <translation>Inachevé</translation>
    </message>
    <message>
        <source>Damaged</source>
        <comment>library state</comment>
        <translation>Endommagé</translation>
    </message>
    <message>
        <source>&amp;Keep</source>
        <translation>&amp;Garder</translation>
    </message>
    <message>
        <source>%1, kept</source>
        <comment>library state of a recording marked Keep</comment>
        <translation>%1, gardé</translation>
    </message>
    <message>
        <source>Marked &quot;Keep&quot;: never removed by retention.</source>
        <translation>Marqué « Garder » : jamais supprimé par la conservation.</translation>
    </message>
    <message>
        <source>Built-in demo</source>
        <translation>Démo intégrée</translation>
    </message>
    <message>
        <source>Kept recordings are never removed by the retention rules (Settings → Retention).</source>
        <translation>Les enregistrements gardés ne sont jamais supprimés par les règles de conservation (Paramètres → Conservation).</translation>
    </message>
    <message>
        <source>Marker: %1</source>
        <translation>Repère : %1</translation>
    </message>
    <message>
        <source>Marker &quot;%1&quot; at %2 in %3</source>
        <translation>Repère « %1 » à %2 dans %3</translation>
    </message>
    <message>
        <source>Make &amp;web-ready</source>
        <translation>Rendre prêt pour le &amp;web</translation>
    </message>
    <message>
        <source>Move the header of an MP4 in front of its media, so a web server can stream it from the start. Nothing is re-encoded.</source>
        <translation>Place l’en-tête d’un MP4 avant ses médias, pour qu’un serveur web puisse le diffuser dès le début. Rien n’est réencodé.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is %2: only an MP4 has a header to move.</source>
        <translation>« %1 » est au format %2 : seul un MP4 a un en-tête à déplacer.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is being recorded right now. Make it web-ready once the recording has finished.</source>
        <translation>« %1 » est en cours d’enregistrement. Rendez-le prêt pour le web une fois l’enregistrement terminé.</translation>
    </message>
    <message>
        <source>Another recording is being made web-ready; wait until it is done.</source>
        <translation>Un autre enregistrement est en train d’être rendu prêt pour le web ; attendez la fin.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has no finished file yet.</source>
        <translation>« %1 » n’a pas encore de fichier terminé.</translation>
    </message>
    <message>
        <source>Making &quot;%1&quot; web-ready in the background…</source>
        <translation>« %1 » est rendu prêt pour le web en arrière-plan…</translation>
    </message>
    <message>
        <source>&quot;%1&quot; could not be made web-ready: %2. Its files are as they were.</source>
        <translation>« %1 » n’a pas pu être rendu prêt pour le web : %2. Ses fichiers sont inchangés.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; was already web-ready: its header is before the media. Nothing changed.</source>
        <translation>« %1 » était déjà prêt pour le web : son en-tête est avant les médias. Rien n’a changé.</translation>
    </message>
    <message numerus="yes">
        <source>&quot;%1&quot; is web-ready: its header is now before the media (%n file(s) rewritten, nothing re-encoded).</source>
        <translation>
            <numerusform>« %1 » est prêt pour le web : son en-tête est maintenant avant les médias (%n fichier réécrit, rien réencodé).</numerusform>
            <numerusform>« %1 » est prêt pour le web : son en-tête est maintenant avant les médias (%n fichiers réécrits, rien réencodé).</numerusform>
        </translation>
    </message>
    <message>
        <source>Gap: %1</source>
        <translation>Coupure : %1</translation>
    </message>
    <message>
        <source>A gap in the source at %1 in %2: %3</source>
        <translation>Coupure de la source à %1 dans %2 : %3</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::RecoveryWizard</name>
    <message>
        <source>Recover recordings</source>
        <translation>Récupérer des enregistrements</translation>
    </message>
    <message>
        <source>Rebuild</source>
        <translation>Reconstruire</translation>
    </message>
    <message>
        <source>Recovery stopped</source>
        <translation>Récupération arrêtée</translation>
    </message>
    <message>
        <source>Recovery finished</source>
        <translation>Récupération terminée</translation>
    </message>
    <message numerus="yes">
        <source>%n recording(s) rebuilt.</source>
        <translation>
            <numerusform>%n enregistrement reconstruit.</numerusform>
            <numerusform>%n enregistrements reconstruits.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n could not be rebuilt.</source>
        <translation>
            <numerusform>%n n’a pas pu être reconstruit.</numerusform>
            <numerusform>%n n’ont pas pu être reconstruits.</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Précédent</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Suivant &gt;</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Terminer</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::RemoteRecorders</name>
    <message>
        <source>not connected</source>
        <translation>non connecté</translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation>connexion…</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>connecté</translation>
    </message>
    <message>
        <source>unreachable, trying again</source>
        <translation>injoignable, nouvelle tentative</translation>
    </message>
    <message>
        <source>Give the recorder a name.</source>
        <translation>Donnez un nom à l&apos;enregistreur.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a recorder&apos;s address (host:port, or http(s)://host:port).</source>
        <translation>« %1 » n&apos;est pas une adresse d&apos;enregistreur (hôte:port ou http(s)://hôte:port).</translation>
    </message>
    <message>
        <source>The recorder&apos;s token is needed (on the recorder: cat DIR/token).</source>
        <translation>Le jeton de l&apos;enregistreur est requis (sur l&apos;enregistreur : cat DIR/token).</translation>
    </message>
    <message>
        <source>A recorder named &quot;%1&quot; exists already.</source>
        <translation>Un enregistreur nommé « %1 » existe déjà.</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::ScanPage</name>
    <message>
        <source>Looking for recordings</source>
        <translation>Recherche d’enregistrements</translation>
    </message>
    <message>
        <source>Tapedeck reads the files to find out what each one is and how much of it can be rebuilt.</source>
        <translation>Tapedeck lit les fichiers pour savoir ce qu’est chacun et quelle part peut en être reconstruite.</translation>
    </message>
    <message>
        <source>&amp;Stop looking</source>
        <translation>&amp;Arrêter la recherche</translation>
    </message>
    <message>
        <source>&amp;Look again</source>
        <translation>&amp;Chercher à nouveau</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>What can be rebuilt</source>
        <translation>Ce qui peut être reconstruit</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Tracks</source>
        <translation>Pistes</translation>
    </message>
    <message numerus="yes">
        <source>Looking through %n item(s)…</source>
        <translation>
            <numerusform>Examen de %n élément…</numerusform>
            <numerusform>Examen de %n éléments…</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Arrêt…</translation>
    </message>
    <message>
        <source>Looked at %1 of %2 files…</source>
        <translation>%1 fichiers examinés sur %2…</translation>
    </message>
    <message>
        <source>Stopped. Nothing was changed; look again when you are ready.</source>
        <translation>Arrêté. Rien n’a été modifié ; relancez la recherche quand vous voulez.</translation>
    </message>
    <message numerus="yes">
        <source>Recordings (%n)</source>
        <translation>
            <numerusform>Enregistrements (%n)</numerusform>
            <numerusform>Enregistrements (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Not recordings, left alone (%n)</source>
        <translation>
            <numerusform>Pas des enregistrements, laissés tels quels (%n)</numerusform>
            <numerusform>Pas des enregistrements, laissés tels quels (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Could not be read (%n)</source>
        <translation>
            <numerusform>Illisible (%n)</numerusform>
            <numerusform>Illisibles (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Found %n recording(s) that can be rebuilt</source>
        <translation>
            <numerusform>%n enregistrement reconstructible trouvé</numerusform>
            <numerusform>%n enregistrements reconstructibles trouvés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n complete file(s) need nothing</source>
        <translation>
            <numerusform>%n fichier complet n’a besoin de rien</numerusform>
            <numerusform>%n fichiers complets n’ont besoin de rien</numerusform>
        </translation>
    </message>
    <message>
        <source>There is nothing to rebuild here. Go back to add other files or folders.</source>
        <translation>Il n’y a rien à reconstruire ici. Revenez en arrière pour ajouter d’autres fichiers ou dossiers.</translation>
    </message>
    <message numerus="yes">
        <source>In use by another process, left alone (%n)</source>
        <translation>
            <numerusform>Utilisé par un autre processus, laissé tel quel (%n)</numerusform>
            <numerusform>Utilisés par un autre processus, laissés tels quels (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::ScheduleDialog</name>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n h</numerusform>
            <numerusform>%n h</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>Scheduled recordings</source>
        <translation>Enregistrements programmés</translation>
    </message>
    <message>
        <source>Every day</source>
        <translation>Tous les jours</translation>
    </message>
    <message>
        <source>Monday to Friday</source>
        <translation>Du lundi au vendredi</translation>
    </message>
    <message>
        <source>No day</source>
        <translation>Aucun jour</translation>
    </message>
    <message>
        <source>%1–%2</source>
        <translation>%1–%2</translation>
    </message>
    <message>
        <source>%1 for %2</source>
        <translation>%1 pendant %2</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>today %1</source>
        <translation>aujourd’hui %1</translation>
    </message>
    <message>
        <source>tomorrow %1</source>
        <translation>demain %1</translation>
    </message>
    <message>
        <source>Scheduled recordings run while Tapedeck runs, also with its window closed to the tray. A start missed while the computer was asleep starts late if its stop time is still ahead, and says so.</source>
        <translation>Les enregistrements programmés ont lieu tant que Tapedeck est lancé, même fenêtre fermée dans la zone de notification. Un démarrage manqué pendant la veille de l’ordinateur a lieu en retard si l’heure de fin n’est pas encore passée, et le retard est signalé.</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Programmation</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Activée</translation>
    </message>
    <message>
        <source>Off keeps the schedule without recording</source>
        <translation>Désactivée, la programmation est conservée sans enregistrer</translation>
    </message>
    <message>
        <source>Stop at</source>
        <translation>Fin à</translation>
    </message>
    <message>
        <source>Record for</source>
        <translation>Enregistrer pendant</translation>
    </message>
    <message>
        <source>A stop time at or before the start is on the next day</source>
        <translation>Une heure de fin égale ou antérieure au début tombe le lendemain</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Once on</source>
        <translation>Une fois le</translation>
    </message>
    <message>
        <source>Every week on</source>
        <translation>Chaque semaine le</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>Source :</translation>
    </message>
    <message>
        <source>Start:</source>
        <translation>Début :</translation>
    </message>
    <message>
        <source>Stop:</source>
        <translation>Fin :</translation>
    </message>
    <message>
        <source>(removed source)</source>
        <translation>(source supprimée)</translation>
    </message>
    <message>
        <source>(off)</source>
        <translation>(désactivée)</translation>
    </message>
    <message>
        <source>(done)</source>
        <translation>(terminée)</translation>
    </message>
    <message>
        <source>No scheduled recordings. Add one.</source>
        <translation>Aucun enregistrement programmé. Ajoutez-en un.</translation>
    </message>
    <message>
        <source>Choose at least one day.</source>
        <translation>Choisissez au moins un jour.</translation>
    </message>
    <message>
        <source>The stop time is the start time; choose another, or a duration.</source>
        <translation>L’heure de fin est l’heure de début ; choisissez-en une autre, ou une durée.</translation>
    </message>
    <message>
        <source>Off: it keeps its times and records nothing.</source>
        <translation>Désactivée : elle garde ses horaires et n’enregistre rien.</translation>
    </message>
    <message>
        <source>Next: %1 until %2.</source>
        <translation>Prochain : %1 jusqu’à %2.</translation>
    </message>
    <message>
        <source>That time has passed; it will not record.</source>
        <translation>Cette heure est passée ; rien ne sera enregistré.</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::SecretFields</name>
    <message>
        <source>Password for &quot;%1&quot;:</source>
        <translation>Mot de passe de « %1 » :</translation>
    </message>
    <message>
        <source>Passphrase:</source>
        <translation>Phrase secrète :</translation>
    </message>
    <message>
        <source>Value of &quot;%1&quot;:</source>
        <translation>Valeur de « %1 » :</translation>
    </message>
    <message>
        <source>Access token:</source>
        <translation>Jeton d’accès :</translation>
    </message>
    <message>
        <source>Stream key:</source>
        <translation>Clé de stream :</translation>
    </message>
    <message>
        <source>Password or key:</source>
        <translation>Mot de passe ou clé :</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::SecretPromptDialog</name>
    <message>
        <source>Password needed</source>
        <translation>Mot de passe requis</translation>
    </message>
    <message>
        <source>To record &quot;%1&quot;, type the password or stream key of its address again. It was not kept because no keychain was available.</source>
        <translation>Pour enregistrer « %1 », saisissez à nouveau le mot de passe ou la clé de stream de son adresse. Il n’a pas été conservé, faute de trousseau de clés.</translation>
    </message>
    <message>
        <source>It will be kept in the system keychain.</source>
        <translation>Il sera conservé dans le trousseau de clés du système.</translation>
    </message>
    <message>
        <source>It will be kept in memory until Tapedeck quits.</source>
        <translation>Il sera gardé en mémoire jusqu’à la fermeture de Tapedeck.</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>&amp;Enregistrer</translation>
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
        <source>Keep free at least:</source>
        <translation>Garder libre au moins :</translation>
    </message>
    <message>
        <source>Below this, a recording does not start, and a running recording stops cleanly and keeps what it wrote.</source>
        <translation>En dessous, aucun enregistrement ne démarre, et un enregistrement en cours s’arrête proprement en conservant ce qu’il a écrit.</translation>
    </message>
    <message>
        <source>Keep running in the tray when the window is closed</source>
        <translation>Rester dans la zone de notification à la fermeture</translation>
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
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> Mio</translation>
    </message>
    <message>
        <source>A server that refuses the connection is reported at once; one that does not answer is given this long.</source>
        <translation>Un serveur qui refuse la connexion est signalé aussitôt ; un serveur qui ne répond pas a ce délai.</translation>
    </message>
    <message>
        <source>Retention</source>
        <translation>Conservation</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Only near the reserve</source>
        <translation>Seulement près de la réserve</translation>
    </message>
    <message>
        <source>Warn when less is left than:</source>
        <translation>Avertir s’il reste moins de :</translation>
    </message>
    <message>
        <source>Time left is the free space above the reserve at the bitrates of everything recording to the same disk. The status bar and each recording show it.</source>
        <translation>Le temps restant est l’espace libre au-dessus de la réserve, aux débits de tout ce qui enregistre sur le même disque. La barre d’état et chaque enregistrement l’affichent.</translation>
    </message>
    <message>
        <source> GiB</source>
        <translation> Gio</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Sans limite</translation>
    </message>
    <message>
        <source> days</source>
        <translation> jours</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message>
        <source>Keep at most:</source>
        <translation>Garder au plus :</translation>
    </message>
    <message>
        <source>Delete after:</source>
        <translation>Supprimer après :</translation>
    </message>
    <message>
        <source>The oldest finished recordings are deleted first, for good: the trash is on the same disk and would free nothing. Recordings in progress, unfinished or damaged ones and those marked Keep in the library are never deleted.</source>
        <translation>Les enregistrements terminés les plus anciens sont supprimés en premier, définitivement : la corbeille est sur le même disque et ne libérerait rien. Les enregistrements en cours, inachevés ou endommagés et ceux marqués « Garder » dans la bibliothèque ne sont jamais supprimés.</translation>
    </message>
    <message>
        <source>No limit is set for this folder: nothing is deleted.</source>
        <translation>Aucune limite pour ce dossier : rien n’est supprimé.</translation>
    </message>
    <message>
        <source>Looking at the folder…</source>
        <translation>Examen du dossier…</translation>
    </message>
    <message>
        <source>too old</source>
        <translation>trop ancien</translation>
    </message>
    <message>
        <source>over the size limit</source>
        <translation>au-delà de la taille maximale</translation>
    </message>
    <message>
        <source>%1 — %2, %3 (%4)</source>
        <translation>%1 — %2, %3 (%4)</translation>
    </message>
    <message>
        <source>unknown date</source>
        <translation>date inconnue</translation>
    </message>
    <message>
        <source>Nothing would be deleted now (the folder holds %1).</source>
        <translation>Rien ne serait supprimé maintenant (le dossier contient %1).</translation>
    </message>
    <message numerus="yes">
        <source>%n recording(s) would be deleted, %1 of %2.</source>
        <translation>
            <numerusform>%n enregistrement serait supprimé, %1 sur %2.</numerusform>
            <numerusform>%n enregistrements seraient supprimés, %1 sur %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n protected recording(s) stay (in progress, unfinished, damaged or kept).</source>
        <translation>
            <numerusform>%n enregistrement protégé reste (en cours, inachevé, endommagé ou gardé).</numerusform>
            <numerusform>%n enregistrements protégés restent (en cours, inachevés, endommagés ou gardés).</numerusform>
        </translation>
    </message>
    <message>
        <source>Start Tapedeck when I log in</source>
        <translation>Démarrer Tapedeck à l’ouverture de session</translation>
    </message>
    <message>
        <source>Adds Tapedeck to the desktop&apos;s autostart (%1)</source>
        <translation>Ajoute Tapedeck au démarrage automatique du bureau (%1)</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Jamais</translation>
    </message>
    <message>
        <source>Warn when a recording is silent for:</source>
        <translation>Avertir d’un silence de plus de :</translation>
    </message>
    <message>
        <source>Warn when a recording&apos;s picture is black for:</source>
        <translation>Avertir d’une image noire de plus de :</translation>
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
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <source>Record a video or audio file as if it were a live stream</source>
        <translation>Enregistrer un fichier vidéo ou audio comme un flux en direct</translation>
    </message>
    <message>
        <source>Passwords and stream keys are kept in the system keychain, not in the settings file. The address is saved without them.</source>
        <translation>Les mots de passe et clés de stream sont conservés dans le trousseau de clés du système, pas dans le fichier de réglages. L’adresse est enregistrée sans eux.</translation>
    </message>
    <message>
        <source>No keychain is available in this session: passwords and stream keys are kept in memory only, until Tapedeck quits. The address is saved without them; you will be asked for them again when you record.</source>
        <translation>Aucun trousseau de clés n’est disponible dans cette session : les mots de passe et clés de stream restent seulement en mémoire, jusqu’à la fermeture de Tapedeck. L’adresse est enregistrée sans eux ; ils vous seront redemandés à l’enregistrement.</translation>
    </message>
    <message>
        <source>Or a &amp;device:</source>
        <translation>Ou un &amp;périphérique :</translation>
    </message>
    <message>
        <source>Choose a file to record</source>
        <translation>Choisir un fichier à enregistrer</translation>
    </message>
    <message>
        <source>Video and audio files (*.mp4 *.mkv *.mov *.ts *.flv *.webm *.avi *.mp3 *.m4a *.wav *.ogg)</source>
        <translation>Fichiers vidéo et audio (*.mp4 *.mkv *.mov *.ts *.flv *.webm *.avi *.mp3 *.m4a *.wav *.ogg)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>No camera or microphone found</source>
        <translation>Aucune caméra ni aucun microphone trouvé</translation>
    </message>
    <message>
        <source>Choose a camera or microphone…</source>
        <translation>Choisir une caméra ou un microphone…</translation>
    </message>
    <message>
        <source>&amp;Tracks…</source>
        <translation>P&amp;istes…</translation>
    </message>
    <message>
        <source>Choose the program and the audio languages to record</source>
        <translation>Choisir le programme et les langues audio à enregistrer</translation>
    </message>
    <message>
        <source>Tracks:</source>
        <translation>Pistes :</translation>
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
        <source>%1 with %2</source>
        <translation>%1 avec %2</translation>
    </message>
    <message>
        <source>The password or stream key of this source was not kept. Type it again to record.</source>
        <translation>Le mot de passe ou la clé de stream de cette source n’a pas été conservé. Saisissez-le à nouveau pour enregistrer.</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::TrackDialog</name>
    <message>
        <source>Video</source>
        <translation>Vidéo</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <source>Subtitles</source>
        <translation>Sous-titres</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Données</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <source>, %1 fps</source>
        <translation>, %1 fps</translation>
    </message>
    <message>
        <source>, %1 kHz</source>
        <translation>, %1 kHz</translation>
    </message>
    <message numerus="yes">
        <source>, %n channel(s)</source>
        <translation>
            <numerusform>, %n canal</numerusform>
            <numerusform>, %n canaux</numerusform>
        </translation>
    </message>
    <message>
        <source>All tracks of the source</source>
        <translation>Toutes les pistes de la source</translation>
    </message>
    <message>
        <source>Program %1</source>
        <translation>Programme %1</translation>
    </message>
    <message>
        <source> (%1)</source>
        <translation> (%1)</translation>
    </message>
    <message>
        <source>Every track of the main program (default)</source>
        <translation>Tout le programme principal (par défaut)</translation>
    </message>
    <message>
        <source>no %1</source>
        <translation>sans %1</translation>
    </message>
    <message>
        <source>every track</source>
        <translation>toutes les pistes</translation>
    </message>
    <message>
        <source>Program %1: %2</source>
        <translation>Programme %1 : %2</translation>
    </message>
    <message>
        <source>Tracks: %1</source>
        <translation>Pistes : %1</translation>
    </message>
    <message>
        <source>Tracks to record</source>
        <translation>Pistes à enregistrer</translation>
    </message>
    <message>
        <source>A stream can carry several programs and audio languages. Tick what to record; by default every track of the main program is recorded.</source>
        <translation>Un flux peut contenir plusieurs programmes et langues audio. Cochez ce qu’il faut enregistrer ; par défaut, toutes les pistes du programme principal sont enregistrées.</translation>
    </message>
    <message>
        <source>&amp;Detect tracks</source>
        <translation>&amp;Détecter les pistes</translation>
    </message>
    <message>
        <source>Open the source and list its programs and tracks</source>
        <translation>Ouvrir la source et lister ses programmes et pistes</translation>
    </message>
    <message>
        <source>&amp;Record every track</source>
        <translation>&amp;Enregistrer toutes les pistes</translation>
    </message>
    <message>
        <source>Forget the choice: record every track of the main program</source>
        <translation>Oublier le choix : enregistrer toutes les pistes du programme principal</translation>
    </message>
    <message>
        <source>Track</source>
        <translation>Piste</translation>
    </message>
    <message>
        <source>Chosen by</source>
        <translation>Sélection par</translation>
    </message>
    <message numerus="yes">
        <source>Detecting… (up to %n second(s))</source>
        <translation>
            <numerusform>Détection… (jusqu’à %n seconde)</numerusform>
            <numerusform>Détection… (jusqu’à %n secondes)</numerusform>
        </translation>
    </message>
    <message>
        <source>The tracks could not be detected: %1</source>
        <translation>Impossible de détecter les pistes : %1</translation>
    </message>
    <message>
        <source>The saved choice names program %1, which the source does not carry now. The default is shown.</source>
        <translation>Le choix enregistré désigne le programme %1, que la source ne contient pas actuellement. La sélection par défaut est affichée.</translation>
    </message>
    <message>
        <source>The saved choice no longer matches the source (%1). The default is shown.</source>
        <translation>Le choix enregistré ne correspond plus à la source (%1). La sélection par défaut est affichée.</translation>
    </message>
    <message numerus="yes">
        <source>Found %n program(s)</source>
        <translation>
            <numerusform>%n programme trouvé</numerusform>
            <numerusform>%n programmes trouvés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> with %n track(s).</source>
        <translation>
            <numerusform> avec %n piste.</numerusform>
            <numerusform> avec %n pistes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Found %n track(s).</source>
        <translation>
            <numerusform>%n piste trouvée.</numerusform>
            <numerusform>%n pistes trouvées.</numerusform>
        </translation>
    </message>
    <message>
        <source>Tick at least one video or audio track.</source>
        <translation>Cochez au moins une piste vidéo ou audio.</translation>
    </message>
    <message>
        <source>video</source>
        <comment>kind of track inside a phrase: &quot;no video&quot;, &quot;video 0&quot;</comment>
        <translation>vidéo</translation>
    </message>
    <message>
        <source>audio</source>
        <comment>kind of track inside a phrase: &quot;no audio&quot;, &quot;audio eng&quot;</comment>
        <translation>audio</translation>
    </message>
    <message>
        <source>subtitles</source>
        <comment>kind of track inside a phrase: &quot;no subtitles&quot;</comment>
        <translation>sous-titres</translation>
    </message>
    <message>
        <source>data</source>
        <comment>kind of track inside a phrase: &quot;no data&quot;</comment>
        <translation>données</translation>
    </message>
    <message>
        <source>other</source>
        <comment>kind of track inside a phrase</comment>
        <translation>autre</translation>
    </message>
    <message>
        <source>Saved choice: %1. Click “Detect tracks” to see what the source carries.</source>
        <translation>Choix enregistré : %1. Cliquez sur « Détecter les pistes » pour voir ce que contient la source.</translation>
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
    <message>
        <source>Stop all recordings</source>
        <translation>Arrêter tous les enregistrements</translation>
    </message>
    <message>
        <source>Schedules…</source>
        <translation>Programmations…</translation>
    </message>
</context>
</TS>
