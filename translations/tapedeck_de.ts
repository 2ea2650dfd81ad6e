<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>HelpMenu</name>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Documentation</source>
        <translation>&amp;Dokumentation</translation>
    </message>
    <message>
        <source>Documentation</source>
        <translation>Dokumentation</translation>
    </message>
    <message>
        <source>No web browser could be opened here. The documentation is at:
%1</source>
        <translation>Hier ließ sich kein Webbrowser öffnen. Die Dokumentation finden Sie unter:
%1</translation>
    </message>
    <message>
        <source>&amp;About Tapedeck</source>
        <translation>&amp;Über Tapedeck</translation>
    </message>
    <message>
        <source>About Tapedeck</source>
        <translation>Über Tapedeck</translation>
    </message>
    <message>
        <source>Tapedeck records live streams to MP4, MPEG-TS and FLV, and never loses a recording.</source>
        <translation>Tapedeck nimmt Live-Streams als MP4, MPEG-TS und FLV auf und verliert keine Aufnahme.</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Tapedeck is already running</source>
        <translation>Tapedeck läuft bereits</translation>
    </message>
    <message>
        <source>Another Tapedeck is running but does not answer. Close it (or end its process) and start Tapedeck again.</source>
        <translation>Ein anderes Tapedeck läuft, antwortet aber nicht. Schließen Sie es (oder beenden Sie seinen Prozess) und starten Sie Tapedeck erneut.</translation>
    </message>
    <message>
        <source>The recorder refused the token (%1).</source>
        <translation>Der Rekorder hat das Token abgelehnt (%1).</translation>
    </message>
    <message>
        <source>401</source>
        <translation>401</translation>
    </message>
    <message>
        <source>The recorder did not answer.</source>
        <translation>Der Rekorder hat nicht geantwortet.</translation>
    </message>
    <message>
        <source>The recorder cannot be reached: %1.</source>
        <translation>Der Rekorder ist nicht erreichbar: %1.</translation>
    </message>
    <message>
        <source>The recorder answered with HTTP status %1.</source>
        <translation>Der Rekorder antwortete mit HTTP-Status %1.</translation>
    </message>
</context>
<context>
    <name>tapedeck::remote::RemoteRecorder</name>
    <message>
        <source>No sign of life for %1 s.</source>
        <translation>Seit %1 s kein Lebenszeichen.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has a password or stream key, and the recorder at %2 is reached without TLS: it would cross the network in clear text, so it is not sent. Add the recorder with an https:// address, or keep the source on the recorder itself (the Recorders tab lists its sources).</source>
        <translation>„%1“ hat ein Passwort oder einen Stream-Schlüssel, und der Rekorder unter %2 wird ohne TLS erreicht: Es ginge im Klartext durchs Netz und wird daher nicht gesendet. Fügen Sie den Rekorder mit einer https://-Adresse hinzu oder legen Sie die Quelle auf dem Rekorder selbst an (der Reiter Rekorder listet seine Quellen).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; was not recorded on the recorder: its password or stream key stays on this computer.</source>
        <translation>„%1“ wurde nicht auf dem Rekorder aufgenommen: Ihr Passwort oder Stream-Schlüssel bleibt auf diesem Computer.</translation>
    </message>
    <message>
        <source>The connection was closed.</source>
        <translation>Die Verbindung wurde geschlossen.</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::ActiveRecordingsView</name>
    <message>
        <source>Nothing is recording. Choose a source and press Record.</source>
        <translation>Es läuft keine Aufnahme. Wählen Sie eine Quelle und drücken Sie auf Aufnehmen.</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::ChoosePage</name>
    <message>
        <source>Choose what to rebuild</source>
        <translation>Auswählen, was wiederhergestellt wird</translation>
    </message>
    <message>
        <source>Tick the recordings to rebuild and say where the rebuilt files should go.</source>
        <translation>Haken Sie die Aufnahmen an, die wiederhergestellt werden sollen, und legen Sie fest, wohin die neuen Dateien kommen.</translation>
    </message>
    <message>
        <source>&amp;Rebuild</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>Aufnahme</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>What is rebuilt</source>
        <translation>Was wiederhergestellt wird</translation>
    </message>
    <message>
        <source>Saved as</source>
        <translation>Gespeichert als</translation>
    </message>
    <message>
        <source>Where to save</source>
        <translation>Speicherort</translation>
    </message>
    <message>
        <source>&amp;Beside the original files</source>
        <translation>&amp;Neben den Originaldateien</translation>
    </message>
    <message>
        <source>In this &amp;folder:</source>
        <translation>In diesem &amp;Ordner:</translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation>Durch&amp;suchen…</translation>
    </message>
    <message>
        <source>&amp;Keep the original files</source>
        <translation>Originaldateien &amp;behalten</translation>
    </message>
    <message>
        <source>Without it they are deleted, but only after the rebuilt file has been written completely and opened successfully.</source>
        <translation>Sonst werden sie gelöscht – aber erst, wenn die neue Datei vollständig geschrieben und erfolgreich geöffnet wurde.</translation>
    </message>
    <message>
        <source>Frame rate of the video</source>
        <translation>Bildrate des Videos</translation>
    </message>
    <message>
        <source>A raw H.264 file stores pictures but not when to show them, and these files carry no hint of their speed. Choose the rate they were recorded at (the camera&apos;s or encoder&apos;s setting). A wrong rate makes the picture run too fast or too slow and drift away from the sound.</source>
        <translation>Eine rohe H.264-Datei speichert Bilder, aber nicht, wann sie zu zeigen sind, und diese Dateien verraten ihre Geschwindigkeit nicht. Wählen Sie die Bildrate, mit der aufgenommen wurde (die Einstellung der Kamera oder des Encoders). Mit einer falschen Rate läuft das Bild zu schnell oder zu langsam und driftet vom Ton weg.</translation>
    </message>
    <message>
        <source>(cannot be rebuilt)</source>
        <translation>(nicht wiederherstellbar)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>%1 frames per second</source>
        <translation>%1 Bilder pro Sekunde</translation>
    </message>
    <message>
        <source>(no free name)</source>
        <translation>(kein freier Name)</translation>
    </message>
    <message>
        <source>Save the rebuilt files in</source>
        <translation>Wiederhergestellte Dateien speichern in</translation>
    </message>
    <message>
        <source>This is a file, not a folder.</source>
        <translation>Das ist eine Datei, kein Ordner.</translation>
    </message>
    <message>
        <source>Reference file for MP4s without index</source>
        <translation>Referenzdatei für MP4s ohne Index</translation>
    </message>
    <message>
        <source>An MP4 whose recorder stopped before writing its index is repaired with the layout of a healthy file from the same camera or program, or from the stream itself when it carries its settings.</source>
        <translation>Eine MP4, deren Aufnahmeprogramm vor dem Schreiben des Index stehen blieb, wird nach dem Aufbau einer intakten Datei derselben Kamera oder desselben Programms repariert, oder nach dem Stream selbst, wenn er seine Einstellungen mitführt.</translation>
    </message>
    <message>
        <source>None: the layout from the stream itself</source>
        <translation>Keine: Aufbau aus dem Stream selbst</translation>
    </message>
    <message>
        <source>Another file…</source>
        <translation>Andere Datei…</translation>
    </message>
    <message>
        <source>Layout from %1</source>
        <translation>Aufbau aus %1</translation>
    </message>
    <message>
        <source>A healthy file from the same camera or program</source>
        <translation>Eine intakte Datei derselben Kamera oder desselben Programms</translation>
    </message>
    <message>
        <source>MP4 and MOV files (*.mp4 *.mov *.m4a *.3gp);;All files (*)</source>
        <translation>MP4- und MOV-Dateien (*.mp4 *.mov *.m4a *.3gp);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::DonePage</name>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Here is what became of each recording.</source>
        <translation>Das ist aus jeder Aufnahme geworden.</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>Aufnahme</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>&amp;Play</source>
        <translation>Ab&amp;spielen</translation>
    </message>
    <message>
        <source>Show in &amp;folder</source>
        <translation>Im &amp;Ordner zeigen</translation>
    </message>
    <message>
        <source>Rebuilt as %1</source>
        <translation>Wiederhergestellt als %1</translation>
    </message>
    <message>
        <source>The original files were removed:
%1</source>
        <translation>Die Originaldateien wurden gelöscht:
%1</translation>
    </message>
    <message>
        <source>Not rebuilt: stopped before its turn. The original files are untouched.</source>
        <translation>Nicht wiederhergestellt: vorher angehalten. Die Originaldateien sind unverändert.</translation>
    </message>
    <message>
        <source>Not chosen, not touched.</source>
        <translation>Nicht ausgewählt, unverändert.</translation>
    </message>
    <message>
        <source>Cannot be rebuilt, not touched: %1</source>
        <translation>Nicht wiederherstellbar, unverändert: %1</translation>
    </message>
    <message>
        <source>Not a recording, not touched: %1</source>
        <translation>Keine Aufnahme, unverändert: %1</translation>
    </message>
    <message numerus="yes">
        <source>Left alone (%n)</source>
        <translation>
            <numerusform>Unverändert gelassen (%n)</numerusform>
            <numerusform>Unverändert gelassen (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n recording(s) rebuilt.</source>
        <translation>
            <numerusform>%n Aufnahme wiederhergestellt.</numerusform>
            <numerusform>%n Aufnahmen wiederhergestellt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n could not be rebuilt; the reason is shown beside each.</source>
        <translation>
            <numerusform>%n konnte nicht wiederhergestellt werden; der Grund steht daneben.</numerusform>
            <numerusform>%n konnten nicht wiederhergestellt werden; der Grund steht jeweils daneben.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not rebuilt because you stopped.</source>
        <translation>
            <numerusform>%n nicht wiederhergestellt, weil Sie angehalten haben.</numerusform>
            <numerusform>%n nicht wiederhergestellt, weil Sie angehalten haben.</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a recording to play it or show it in its folder.</source>
        <translation>Wählen Sie eine Aufnahme, um sie abzuspielen oder in ihrem Ordner zu zeigen.</translation>
    </message>
    <message>
        <source>No file manager could be opened here. The file is in %1</source>
        <translation>Hier ließ sich kein Dateimanager öffnen. Die Datei liegt in %1</translation>
    </message>
    <message>
        <source>Nothing was recorded in it; kept as it is.</source>
        <translation>Darin wurde nichts aufgenommen; unverändert aufbewahrt.</translation>
    </message>
    <message>
        <source>Nothing was recorded in it; its leftover files were removed.</source>
        <translation>Darin wurde nichts aufgenommen; die übrigen Dateien wurden entfernt.</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::LevelMeter</name>
    <message>
        <source>Peak %1 dBFS</source>
        <translation>Spitze %1 dBFS</translation>
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
        <translation>Kein Schlüsselbund verfügbar</translation>
    </message>
    <message>
        <source>&amp;Add source…</source>
        <translation>Quelle &amp;hinzufügen …</translation>
    </message>
    <message>
        <source>&amp;Edit source…</source>
        <translation>Quelle &amp;bearbeiten …</translation>
    </message>
    <message>
        <source>&amp;Remove source</source>
        <translation>Quelle &amp;entfernen</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>&amp;Aufnahme starten</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Stoppen</translation>
    </message>
    <message>
        <source>Stop &amp;all</source>
        <translation>&amp;Alle stoppen</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen …</translation>
    </message>
    <message>
        <source>Re&amp;cover recordings…</source>
        <translation>Aufnahmen &amp;wiederherstellen …</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Remove source</source>
        <translation>Quelle entfernen</translation>
    </message>
    <message>
        <source>Remove the source &quot;%1&quot;? Recorded files are kept.</source>
        <translation>Die Quelle „%1“ entfernen? Aufgenommene Dateien bleiben erhalten.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Recording</source>
        <translation>&amp;Aufnahme</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Quellen</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>Optionen der Quelle</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Aufnahme starten</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Laufend</translation>
    </message>
    <message>
        <source>Recordings</source>
        <translation>Aufnahmen</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Source &quot;%1&quot; saved.</source>
        <translation>Quelle „%1“ gespeichert.</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Einstellungen gespeichert.</translation>
    </message>
    <message>
        <source>The folder &quot;%1&quot; cannot be created.</source>
        <translation>Der Ordner „%1“ kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Only %1 free in &quot;%2&quot;; recording needs at least %3 free (see Settings → Disk).</source>
        <translation>Nur %1 frei in „%2“; für eine Aufnahme müssen mindestens %3 frei sein (siehe Einstellungen → Datenträger).</translation>
    </message>
    <message>
        <source>Waiting for &quot;%1&quot; to appear…</source>
        <translation>Warte darauf, dass „%1“ erscheint …</translation>
    </message>
    <message>
        <source>Starting &quot;%1&quot;…</source>
        <translation>„%1“ wird gestartet …</translation>
    </message>
    <message>
        <source>Recording of &quot;%1&quot; failed</source>
        <translation>Aufnahme von „%1“ fehlgeschlagen</translation>
    </message>
    <message>
        <source>Recording &quot;%1&quot;</source>
        <translation>„%1“ wird aufgenommen</translation>
    </message>
    <message>
        <source>&quot;%1&quot; was cancelled before the stream appeared.</source>
        <translation>„%1“ wurde abgebrochen, bevor der Stream erschien.</translation>
    </message>
    <message>
        <source>Recording of &quot;%1&quot; finished</source>
        <translation>Aufnahme von „%1“ beendet</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) saved: %1</source>
        <translation>
            <numerusform>%n Datei gespeichert: %1</numerusform>
            <numerusform>%n Dateien gespeichert: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Disk space is running low</source>
        <translation>Der Speicherplatz wird knapp</translation>
    </message>
    <message>
        <source>%1 free in &quot;%2&quot;. Recordings stop cleanly below %3.</source>
        <translation>%1 frei in „%2“. Unter %3 werden Aufnahmen sauber beendet.</translation>
    </message>
    <message>
        <source>Unfinished recordings found</source>
        <translation>Unvollständige Aufnahmen gefunden</translation>
    </message>
    <message numerus="yes">
        <source>%n recording(s) were not closed properly, probably after a crash. Click to recover them.</source>
        <translation>
            <numerusform>%n Aufnahme wurde nicht richtig abgeschlossen, vermutlich nach einem Absturz. Zum Wiederherstellen klicken.</numerusform>
            <numerusform>%n Aufnahmen wurden nicht richtig abgeschlossen, vermutlich nach einem Absturz. Zum Wiederherstellen klicken.</numerusform>
        </translation>
    </message>
    <message>
        <source>The recovery wizard is not available in this build; use &quot;tapedeck recover&quot;.</source>
        <translation>Der Wiederherstellungsassistent ist in dieser Version nicht enthalten; verwenden Sie „tapedeck recover“.</translation>
    </message>
    <message>
        <source>Closing the recordings…</source>
        <translation>Aufnahmen werden abgeschlossen …</translation>
    </message>
    <message>
        <source>Tapedeck is still recording</source>
        <translation>Tapedeck nimmt weiter auf</translation>
    </message>
    <message>
        <source>Recording continues in the background. Use the tray icon to open the window or to quit.</source>
        <translation>Die Aufnahme läuft im Hintergrund weiter. Über das Symbol im Benachrichtigungsfeld öffnen Sie das Fenster wieder oder beenden das Programm.</translation>
    </message>
    <message>
        <source>Recordings are running</source>
        <translation>Aufnahmen laufen</translation>
    </message>
    <message>
        <source>Stop all recordings and quit? Everything recorded so far is kept.</source>
        <translation>Alle Aufnahmen stoppen und beenden? Alles bisher Aufgenommene bleibt erhalten.</translation>
    </message>
    <message>
        <source>Recording into %1</source>
        <translation>Aufnahme nach %1</translation>
    </message>
    <message>
        <source>Passwords and stream keys are kept in memory until Tapedeck quits. Saved sources keep their addresses and ask for the password when you record.</source>
        <translation>Passwörter und Streamschlüssel bleiben bis zum Beenden von Tapedeck im Speicher. Gespeicherte Quellen behalten ihre Adresse und fragen beim Start der Aufnahme nach dem Passwort.</translation>
    </message>
    <message>
        <source>Record when &amp;live</source>
        <translation>Aufnahme, sobald &amp;live</translation>
    </message>
    <message>
        <source>Record when live</source>
        <translation>Aufnahme, sobald live</translation>
    </message>
    <message>
        <source>Wait until the stream goes live and record it from its first frame</source>
        <translation>Warten, bis der Stream live ist, und ihn ab dem ersten Bild aufnehmen</translation>
    </message>
    <message>
        <source>%1 (needs its password)</source>
        <translation>%1 (Passwort nötig)</translation>
    </message>
    <message>
        <source>The password or stream key was not kept; you will be asked for it when you record.</source>
        <translation>Das Passwort oder der Streamschlüssel wurde nicht aufbewahrt; beim Start der Aufnahme werden Sie danach gefragt.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; was not recorded: it needs its password or stream key.</source>
        <translation>„%1“ wurde nicht aufgenommen: Passwort oder Streamschlüssel fehlt.</translation>
    </message>
    <message>
        <source>Stop which recording?</source>
        <translation>Welche Aufnahme beenden?</translation>
    </message>
    <message numerus="yes">
        <source>%n recordings are running. Which one should stop?</source>
        <translation>
            <numerusform>%n Aufnahme läuft. Welche soll enden?</numerusform>
            <numerusform>%n Aufnahmen laufen. Welche soll enden?</numerusform>
        </translation>
    </message>
    <message>
        <source>Stop all</source>
        <translation>Alle beenden</translation>
    </message>
    <message numerus="yes">
        <source>%n unfinished recording(s): recover…</source>
        <translation>
            <numerusform>%n unvollendete Aufnahme: wiederherstellen…</numerusform>
            <numerusform>%n unvollendete Aufnahmen: wiederherstellen…</numerusform>
        </translation>
    </message>
    <message>
        <source>Open the recovery wizard with the recordings that were not closed properly</source>
        <translation>Den Wiederherstellungsassistenten mit den nicht sauber beendeten Aufnahmen öffnen</translation>
    </message>
    <message numerus="yes">
        <source>Originals of %n rebuilt recording(s) kept: delete…</source>
        <translation>
            <numerusform>Originale von %n wiederhergestellter Aufnahme aufbewahrt: löschen…</numerusform>
            <numerusform>Originale von %n wiederhergestellten Aufnahmen aufbewahrt: löschen…</numerusform>
        </translation>
    </message>
    <message>
        <source>Already rebuilt as: %1</source>
        <translation>Bereits wiederhergestellt als: %1</translation>
    </message>
    <message>
        <source>Delete kept originals</source>
        <translation>Aufbewahrte Originale löschen</translation>
    </message>
    <message numerus="yes">
        <source>These recordings were rebuilt and their rebuilt files exist. Move the %n original file(s) they were rebuilt from to the trash?</source>
        <translation>
            <numerusform>Diese Aufnahmen wurden wiederhergestellt, die neuen Dateien sind vorhanden. Die %n Originaldatei, aus der sie entstanden, in den Papierkorb verschieben?</numerusform>
            <numerusform>Diese Aufnahmen wurden wiederhergestellt, die neuen Dateien sind vorhanden. Die %n Originaldateien, aus denen sie entstanden, in den Papierkorb verschieben?</numerusform>
        </translation>
    </message>
    <message>
        <source>Move to trash</source>
        <translation>In den Papierkorb</translation>
    </message>
    <message>
        <source>The kept originals are in the trash.</source>
        <translation>Die aufbewahrten Originale liegen im Papierkorb.</translation>
    </message>
    <message>
        <source>Some files were not moved to the trash</source>
        <translation>Einige Dateien wurden nicht in den Papierkorb verschoben</translation>
    </message>
    <message>
        <source>There is no trash for these files; they were left where they are: %1</source>
        <translation>Für diese Dateien gibt es keinen Papierkorb; sie bleiben, wo sie sind: %1</translation>
    </message>
    <message>
        <source>Add a source…</source>
        <translation>Quelle hinzufügen…</translation>
    </message>
    <message>
        <source>Edit the selected source…</source>
        <translation>Gewählte Quelle bearbeiten…</translation>
    </message>
    <message>
        <source>Remove the selected source</source>
        <translation>Gewählte Quelle entfernen</translation>
    </message>
    <message>
        <source>Retention could not delete everything</source>
        <translation>Die Aufbewahrungsregel konnte nicht alles löschen</translation>
    </message>
    <message numerus="yes">
        <source>Retention deleted %n old file(s) in %1.</source>
        <translation>
            <numerusform>Die Aufbewahrungsregel hat %n alte Datei in %1 gelöscht.</numerusform>
            <numerusform>Die Aufbewahrungsregel hat %n alte Dateien in %1 gelöscht.</numerusform>
        </translation>
    </message>
    <message>
        <source>At the current bitrates that is %1.</source>
        <translation>Bei den aktuellen Bitraten reicht das noch %1.</translation>
    </message>
    <message>
        <source>Disk: %1</source>
        <translation>Datenträger: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>(%n more folder(s))</source>
        <translation>
            <numerusform>(%n weiterer Ordner)</numerusform>
            <numerusform>(%n weitere Ordner)</numerusform>
        </translation>
    </message>
    <message>
        <source>Start at login could not be changed</source>
        <translation>Der Start bei der Anmeldung ließ sich nicht ändern</translation>
    </message>
    <message>
        <source>S&amp;plit now</source>
        <translation>Jetzt &amp;teilen</translation>
    </message>
    <message>
        <source>Go on in a new file from the next keyframe (%1)</source>
        <translation>Ab dem nächsten Schlüsselbild in einer neuen Datei weitermachen (%1)</translation>
    </message>
    <message>
        <source>Add &amp;marker</source>
        <translation>&amp;Marke setzen</translation>
    </message>
    <message>
        <source>Mark this moment as a chapter of the recording (%1)</source>
        <translation>Diesen Moment als Kapitel der Aufnahme markieren (%1)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; goes on in a new file from the next keyframe.</source>
        <translation>„%1“ geht ab dem nächsten Schlüsselbild in einer neuen Datei weiter.</translation>
    </message>
    <message>
        <source>Marker %1</source>
        <translation>Marke %1</translation>
    </message>
    <message>
        <source>Marker &quot;%1&quot; at %2 in &quot;%3&quot;.</source>
        <translation>Marke „%1“ bei %2 in „%3“.</translation>
    </message>
    <message>
        <source>Record on this computer or on a recorder (Recorders tab)</source>
        <translation>Auf diesem Computer oder auf einem Rekorder aufnehmen (Tab „Rekorder“)</translation>
    </message>
    <message>
        <source>Record on:</source>
        <translation>Aufnehmen auf:</translation>
    </message>
    <message>
        <source>Recorders</source>
        <translation>Rekorder</translation>
    </message>
    <message>
        <source>Recorder &quot;%1&quot; needs its token</source>
        <translation>Rekorder „%1“ benötigt sein Token</translation>
    </message>
    <message>
        <source>Its token was not kept (no keychain). Choose it in the Recorders tab and type the token again.</source>
        <translation>Sein Token wurde nicht gespeichert (kein Schlüsselbund). Im Tab „Rekorder“ auswählen und das Token erneut eingeben.</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Dieser Computer</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>needs its token</source>
        <translation>Token erforderlich</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>nicht verbunden</translation>
    </message>
    <message>
        <source>The recorder was not added: %1</source>
        <translation>Der Rekorder wurde nicht hinzugefügt: %1</translation>
    </message>
    <message>
        <source>The recorder was not added</source>
        <translation>Der Rekorder wurde nicht hinzugefügt</translation>
    </message>
    <message>
        <source>The recorder needs its token.</source>
        <translation>Der Rekorder benötigt sein Token.</translation>
    </message>
    <message>
        <source>This recorder no longer exists.</source>
        <translation>Dieser Rekorder existiert nicht mehr.</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 auf %2</translation>
    </message>
    <message>
        <source>Recording on the recorder &quot;%1&quot;</source>
        <translation>Aufnahme auf dem Rekorder „%1“</translation>
    </message>
    <message>
        <source>Nothing was recorded (the stream never appeared).</source>
        <translation>Es wurde nichts aufgenommen (der Stream war nie verfügbar).</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) saved on the recorder: %1</source>
        <translation>
            <numerusform>%n Datei auf dem Rekorder gespeichert: %1</numerusform>
            <numerusform>%n Dateien auf dem Rekorder gespeichert: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (recorder unreachable)</source>
        <translation>%1 (Rekorder nicht erreichbar)</translation>
    </message>
    <message>
        <source>The recorder &quot;%1&quot; cannot be reached. %2 Its recordings go on; Tapedeck keeps trying.</source>
        <translation>Der Rekorder „%1“ ist nicht erreichbar. %2 Seine Aufnahmen laufen weiter; Tapedeck versucht es weiterhin.</translation>
    </message>
    <message>
        <source>Connected to the recorder &quot;%1&quot;.</source>
        <translation>Mit dem Rekorder „%1“ verbunden.</translation>
    </message>
    <message>
        <source>It could not be stopped: %1</source>
        <translation>Stoppen fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Black picture</source>
        <translation>Schwarzbild</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has recorded a black picture for %2: check the source&apos;s camera or video.</source>
        <translation>„%1“ hat %2 lang ein schwarzes Bild aufgenommen: Kamera oder Video der Quelle prüfen.</translation>
    </message>
    <message>
        <source>&amp;Keep recording whenever live</source>
        <translation>Aufnahme, &amp;immer wenn live</translation>
    </message>
    <message>
        <source>Record when live stays armed: a new file each time the stream goes live, closed when it goes away, until you press Stop</source>
        <translation>„Aufnahme, sobald live“ bleibt scharf: bei jedem Live-Start eine neue Datei, geschlossen, wenn der Stream endet, bis Sie auf Stoppen drücken</translation>
    </message>
    <message>
        <source>Sc&amp;hedules…</source>
        <translation>&amp;Zeitpläne…</translation>
    </message>
    <message>
        <source>Schedule a recording…</source>
        <translation>Aufnahme planen…</translation>
    </message>
    <message>
        <source>Keep recording whenever live</source>
        <translation>Aufnahme, immer wenn live</translation>
    </message>
    <message>
        <source>Tapedeck waits for a scheduled recording</source>
        <translation>Tapedeck wartet auf eine geplante Aufnahme</translation>
    </message>
    <message>
        <source>It keeps running in the tray to record on time (%1). Quit from the tray icon to stop it.</source>
        <translation>Tapedeck läuft im Benachrichtigungsfeld weiter, um pünktlich aufzunehmen (%1). Beenden Sie es über das Symbol im Benachrichtigungsfeld.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is recorded every time it is live, until you press Stop.</source>
        <translation>„%1“ wird bei jedem Live-Start aufgenommen, bis Sie auf Stoppen drücken.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is no longer live</source>
        <translation>„%1“ ist nicht mehr live</translation>
    </message>
    <message>
        <source>Saved %1; recording again when it is live.</source>
        <translation>%1 gespeichert; neue Aufnahme, sobald wieder live.</translation>
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
            <numerusform>%n Min.</numerusform>
            <numerusform>%n Min.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 Std. %2 Min.</translation>
    </message>
    <message>
        <source>the computer was asleep</source>
        <translation>der Computer war im Ruhezustand</translation>
    </message>
    <message>
        <source>Tapedeck was not running</source>
        <translation>Tapedeck lief nicht</translation>
    </message>
    <message>
        <source>the time zone changed</source>
        <translation>die Zeitzone hat sich geändert</translation>
    </message>
    <message>
        <source>the computer was busy</source>
        <translation>der Computer war ausgelastet</translation>
    </message>
    <message>
        <source>Schedules saved.</source>
        <translation>Zeitpläne gespeichert.</translation>
    </message>
    <message>
        <source>Next: %1, %2</source>
        <translation>Nächste: %1, %2</translation>
    </message>
    <message>
        <source>a removed source</source>
        <translation>eine entfernte Quelle</translation>
    </message>
    <message>
        <source>Scheduled: records until %1 (another schedule of this source).</source>
        <translation>Geplant: nimmt bis %1 auf (ein weiterer Zeitplan dieser Quelle).</translation>
    </message>
    <message numerus="yes">
        <source>%n scheduled recording(s) of &quot;%1&quot; did not happen (the last from %2 to %3): %4.</source>
        <translation>
            <numerusform>%n geplante Aufnahme von „%1“ fand nicht statt (die letzte von %2 bis %3): %4.</numerusform>
            <numerusform>%n geplante Aufnahmen von „%1“ fanden nicht statt (die letzte von %2 bis %3): %4.</numerusform>
        </translation>
    </message>
    <message>
        <source>&quot;%1&quot; was to record from %2 to %3, but %4. Its stop time has passed, so it was not started.</source>
        <translation>„%1“ sollte von %2 bis %3 aufnehmen, aber %4. Die Endzeit ist vorbei, daher wurde die Aufnahme nicht gestartet.</translation>
    </message>
    <message>
        <source>Scheduled recording missed</source>
        <translation>Geplante Aufnahme verpasst</translation>
    </message>
    <message>
        <source>Scheduled recording did not start</source>
        <translation>Geplante Aufnahme nicht gestartet</translation>
    </message>
    <message>
        <source>Its source no longer exists. Change the schedule in Recording → Schedules.</source>
        <translation>Ihre Quelle gibt es nicht mehr. Ändern Sie den Zeitplan unter Aufnahme → Zeitpläne.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is already recording</source>
        <translation>„%1“ wird bereits aufgenommen</translation>
    </message>
    <message>
        <source>A schedule starts now; the recording that runs is left as it is.</source>
        <translation>Ein Zeitplan beginnt jetzt; die laufende Aufnahme bleibt unverändert.</translation>
    </message>
    <message>
        <source>Scheduled recording of &quot;%1&quot; did not start</source>
        <translation>Geplante Aufnahme von „%1“ nicht gestartet</translation>
    </message>
    <message>
        <source>It needs its password or stream key, which was not kept. Record it once by hand to type it.</source>
        <translation>Das Passwort oder der Streamschlüssel wurde nicht aufbewahrt. Starten Sie die Aufnahme einmal von Hand, um es einzugeben.</translation>
    </message>
    <message>
        <source>Scheduled recording of &quot;%1&quot; started</source>
        <translation>Geplante Aufnahme von „%1“ gestartet</translation>
    </message>
    <message>
        <source>Scheduled: records until %1.</source>
        <translation>Geplant: nimmt bis %1 auf.</translation>
    </message>
    <message>
        <source>Started %1 late: %2.</source>
        <translation>Mit %1 Verspätung gestartet: %2.</translation>
    </message>
    <message>
        <source>It records until %1.</source>
        <translation>Die Aufnahme läuft bis %1.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not armed</source>
        <translation>„%1“ ist nicht scharfgeschaltet</translation>
    </message>
    <message>
        <source>It was recording whenever live, but needs its password or stream key, which was not kept. Press Record when live to type it.</source>
        <translation>Die Quelle wurde aufgenommen, sobald sie live war, braucht aber ihr Passwort oder ihren Stream-Schlüssel, der nicht gespeichert wurde. Drücken Sie „Aufnahme, sobald live“, um ihn einzugeben.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is armed again: it is recorded every time it is live.</source>
        <translation>„%1“ ist wieder scharfgeschaltet: Sie wird jedes Mal aufgenommen, wenn sie live ist.</translation>
    </message>
    <message>
        <source>Keep the password on the recorder?</source>
        <translation>Passwort auf dem Rekorder speichern?</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has a password or stream key. To record it on &quot;%2&quot;, the recorder keeps it as its own source &quot;%3&quot;: the password is sent to it once, now; from then on only the name is.</source>
        <translation>„%1“ hat ein Passwort oder einen Stream-Schlüssel. Um sie auf „%2“ aufzunehmen, speichert der Rekorder sie als eigene Quelle „%3“: Das Passwort wird ihm einmal gesendet, jetzt; danach nur noch der Name.</translation>
    </message>
    <message>
        <source>The recorder lists it under Recorders → Sources; remove it there with the recorder&apos;s API when it is no longer needed.</source>
        <translation>Der Rekorder führt sie unter Rekorder → Quellen; entfernen Sie sie dort über die API des Rekorders, wenn sie nicht mehr gebraucht wird.</translation>
    </message>
    <message>
        <source>Keep it there and record</source>
        <translation>Dort speichern und aufnehmen</translation>
    </message>
    <message>
        <source>&quot;%1&quot; was not split: %2</source>
        <translation>„%1“ wurde nicht geteilt: %2</translation>
    </message>
    <message>
        <source>The marker was not added to &quot;%1&quot;: %2</source>
        <translation>Die Marke wurde „%1“ nicht hinzugefügt: %2</translation>
    </message>
    <message>
        <source>The schedule starts it again in %1 s, into a new file (it records until %2).</source>
        <translation>Der Zeitplan startet sie in %1 s erneut, in eine neue Datei (Aufnahme bis %2).</translation>
    </message>
    <message>
        <source>Not started again: its scheduled stop (%1) is too near.</source>
        <translation>Nicht erneut gestartet: Ihr geplantes Ende (%1) ist zu nah.</translation>
    </message>
    <message>
        <source>Scheduled recording of &quot;%1&quot; stopped early</source>
        <translation>Geplante Aufnahme von „%1“ vorzeitig beendet</translation>
    </message>
    <message>
        <source>Started again after it stopped early (restart %1); earlier files are kept.</source>
        <translation>Nach vorzeitigem Ende erneut gestartet (Neustart %1); frühere Dateien bleiben erhalten.</translation>
    </message>
    <message>
        <source>Scheduled recording of &quot;%1&quot; started again</source>
        <translation>Geplante Aufnahme von „%1“ erneut gestartet</translation>
    </message>
    <message>
        <source>Tapedeck ended during the run</source>
        <translation>Tapedeck wurde während der Aufnahme beendet</translation>
    </message>
    <message>
        <source>Started again: Tapedeck ended during this run. What it recorded before is kept; Tapedeck offers to recover it.</source>
        <translation>Erneut gestartet: Tapedeck wurde während dieser Aufnahme beendet. Was bis dahin aufgenommen wurde, bleibt erhalten; Tapedeck bietet an, es wiederherzustellen.</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::OrphanText</name>
    <message>
        <source>Tapedeck recording</source>
        <translation>Tapedeck-Aufnahme</translation>
    </message>
    <message>
        <source>Raw H.264/AAC pair</source>
        <translation>Rohes H.264/AAC-Paar</translation>
    </message>
    <message>
        <source>Raw H.264 video</source>
        <translation>Rohes H.264-Video</translation>
    </message>
    <message>
        <source>Raw AAC audio</source>
        <translation>Rohes AAC-Audio</translation>
    </message>
    <message>
        <source>Interrupted TS</source>
        <translation>Unterbrochener TS</translation>
    </message>
    <message>
        <source>Interrupted FLV</source>
        <translation>Unterbrochenes FLV</translation>
    </message>
    <message>
        <source>Not a recording</source>
        <translation>Keine Aufnahme</translation>
    </message>
    <message>
        <source>video</source>
        <translation>Video</translation>
    </message>
    <message>
        <source>audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>not known yet</source>
        <translation>noch unbekannt</translation>
    </message>
    <message>
        <source>Already complete: only the leftover index files are tidied up</source>
        <translation>Schon vollständig: nur die übrig gebliebenen Indexdateien werden aufgeräumt</translation>
    </message>
    <message>
        <source>picture and sound</source>
        <translation>Bild und Ton</translation>
    </message>
    <message>
        <source>the picture only</source>
        <translation>nur das Bild</translation>
    </message>
    <message>
        <source>the sound only</source>
        <translation>nur der Ton</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Alles</translation>
    </message>
    <message>
        <source>Everything: %1</source>
        <translation>Alles: %1</translation>
    </message>
    <message>
        <source>Everything but the cut-off end</source>
        <translation>Alles bis auf das abgeschnittene Ende</translation>
    </message>
    <message>
        <source>Everything but the cut-off end: %1</source>
        <translation>Alles bis auf das abgeschnittene Ende: %1</translation>
    </message>
    <message>
        <source>Only the undamaged part</source>
        <translation>Nur der unbeschädigte Teil</translation>
    </message>
    <message>
        <source>Only the undamaged part: %1</source>
        <translation>Nur der unbeschädigte Teil: %1</translation>
    </message>
    <message>
        <source>Nothing can be rebuilt</source>
        <translation>Nichts ist wiederherstellbar</translation>
    </message>
    <message>
        <source>Files:</source>
        <translation>Dateien:</translation>
    </message>
    <message>
        <source>MP4 without index — repairable</source>
        <translation>MP4 ohne Index — reparierbar</translation>
    </message>
    <message>
        <source>Being recorded right now: left alone until it is finished</source>
        <translation>Wird gerade aufgenommen: bleibt unberührt, bis die Aufnahme endet</translation>
    </message>
    <message>
        <source>Being recorded right now (since %1): left alone until it is finished</source>
        <translation>Wird gerade aufgenommen (seit %1): bleibt unberührt, bis die Aufnahme endet</translation>
    </message>
    <message>
        <source>Being recovered by another process: left alone</source>
        <translation>Wird von einem anderen Prozess wiederhergestellt: bleibt unberührt</translation>
    </message>
    <message>
        <source>Being recovered by another process (since %1): left alone</source>
        <translation>Wird von einem anderen Prozess wiederhergestellt (seit %1): bleibt unberührt</translation>
    </message>
    <message>
        <source>Repaired into a new file, layout from the stream itself</source>
        <translation>In eine neue Datei repariert, Aufbau aus dem Stream selbst</translation>
    </message>
    <message>
        <source>Repaired into a new file, layout from %1</source>
        <translation>In eine neue Datei repariert, Aufbau aus %1</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>in Benutzung</translation>
    </message>
    <message>
        <source>damaged</source>
        <translation>beschädigt</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>unlesbar</translation>
    </message>
    <message>
        <source>already complete</source>
        <translation>bereits vollständig</translation>
    </message>
    <message>
        <source>unfinished</source>
        <translation>unvollendet</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 — an unfinished MP4 recording</source>
        <translation>%1 — eine unvollendete MP4-Aufnahme</translation>
    </message>
    <message>
        <source>%1 — the picture of an unfinished recording</source>
        <translation>%1 — das Bild einer unvollendeten Aufnahme</translation>
    </message>
    <message>
        <source>%1 — the sound of an unfinished recording</source>
        <translation>%1 — der Ton einer unvollendeten Aufnahme</translation>
    </message>
    <message>
        <source>Nothing was recorded in it: its leftover files are removed</source>
        <translation>Darin wurde nichts aufgenommen: die übrigen Dateien werden entfernt</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>leer</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::PickPage</name>
    <message>
        <source>Which recordings were lost?</source>
        <translation>Welche Aufnahmen sind verloren gegangen?</translation>
    </message>
    <message>
        <source>Drop the files or folders of an interrupted recording here, or add them with the buttons. Tapedeck only reads them while it looks; nothing is changed before you say so.</source>
        <translation>Ziehen Sie die Dateien oder Ordner einer unterbrochenen Aufnahme hierher oder fügen Sie sie mit den Schaltflächen hinzu. Tapedeck liest sie beim Suchen nur; nichts wird verändert, bevor Sie es sagen.</translation>
    </message>
    <message>
        <source>Drop files or folders here

or use the buttons below</source>
        <translation>Dateien oder Ordner hierher ziehen

oder die Schaltflächen unten benutzen</translation>
    </message>
    <message>
        <source>Add &amp;files…</source>
        <translation>&amp;Dateien hinzufügen…</translation>
    </message>
    <message>
        <source>Add f&amp;older…</source>
        <translation>&amp;Ordner hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>%1 — a folder, with everything in it (in %2)</source>
        <translation>%1 – ein Ordner, mit allem darin (in %2)</translation>
    </message>
    <message>
        <source>%1 (in %2)</source>
        <translation>%1 (in %2)</translation>
    </message>
    <message>
        <source>%1 — not found (in %2)</source>
        <translation>%1 – nicht gefunden (in %2)</translation>
    </message>
    <message>
        <source>Press Next to look at them. More can be dropped or added.</source>
        <translation>Klicken Sie auf „Weiter“, um sie zu untersuchen. Weitere können hinzugefügt werden.</translation>
    </message>
    <message>
        <source>Add files</source>
        <translation>Dateien hinzufügen</translation>
    </message>
    <message>
        <source>Recordings and their parts (*.mp4.* *.h264 *.aac *.ts *.flv *.mp4)</source>
        <translation>Aufnahmen und ihre Teile (*.mp4.* *.h264 *.aac *.ts *.flv *.mp4)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Add a folder</source>
        <translation>Ordner hinzufügen</translation>
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
        <translation>Abspielen</translation>
    </message>
    <message>
        <source>This file cannot be played: %1</source>
        <translation>Diese Datei kann nicht abgespielt werden: %1</translation>
    </message>
    <message>
        <source>Playing %1</source>
        <translation>Wiedergabe: %1</translation>
    </message>
    <message>
        <source>Left and Right arrows jump 5 seconds</source>
        <translation>Pfeiltasten links und rechts springen 5 Sekunden</translation>
    </message>
    <message>
        <source>Volume (Up and Down arrows)</source>
        <translation>Lautstärke (Pfeiltasten auf und ab)</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>Vollbild</translation>
    </message>
    <message>
        <source>F or double-click; Esc leaves full screen</source>
        <translation>F oder Doppelklick; Esc beendet das Vollbild</translation>
    </message>
    <message>
        <source>Volume:</source>
        <translation>Lautstärke:</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::ProbeJob</name>
    <message>
        <source>Nothing was found at this address. (%1)</source>
        <translation>Unter dieser Adresse wurde nichts gefunden. (%1)</translation>
    </message>
    <message>
        <source>Could not connect to the server. Check the address and that the server is running. (%1)</source>
        <translation>Keine Verbindung zum Server. Prüfen Sie die Adresse und ob der Server läuft. (%1)</translation>
    </message>
    <message>
        <source>The source did not answer in time. Is the stream live? (%1)</source>
        <translation>Die Quelle hat nicht rechtzeitig geantwortet. Läuft der Stream? (%1)</translation>
    </message>
    <message>
        <source>Tapedeck cannot read this kind of source. (%1)</source>
        <translation>Diese Art von Quelle kann Tapedeck nicht lesen. (%1)</translation>
    </message>
    <message>
        <source>This address is not valid. (%1)</source>
        <translation>Diese Adresse ist ungültig. (%1)</translation>
    </message>
    <message>
        <source>The check was cancelled.</source>
        <translation>Die Prüfung wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The source could not be opened: %1</source>
        <translation>Die Quelle konnte nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>Enter an address first.</source>
        <translation>Geben Sie zuerst eine Adresse ein.</translation>
    </message>
    <message>
        <source>The source opened but carries no audio or video.</source>
        <translation>Die Quelle wurde geöffnet, enthält aber weder Ton noch Bild.</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::RebuildPage</name>
    <message>
        <source>Stopped before it was finished. Nothing was written and the original files are untouched.</source>
        <translation>Vor dem Abschluss angehalten. Nichts wurde geschrieben, die Originaldateien sind unverändert.</translation>
    </message>
    <message>
        <source>Could not be rebuilt: %1. The original files are untouched.</source>
        <translation>Konnte nicht wiederhergestellt werden: %1. Die Originaldateien sind unverändert.</translation>
    </message>
    <message>
        <source>Rebuilding</source>
        <translation>Wiederherstellung</translation>
    </message>
    <message>
        <source>The recordings are rebuilt one after another. You can keep using Tapedeck meanwhile, or close this window: you will be told when it is done.</source>
        <translation>Die Aufnahmen werden nacheinander wiederhergestellt. Sie können Tapedeck währenddessen weiter benutzen oder dieses Fenster in den Hintergrund legen: Sie werden benachrichtigt, wenn es fertig ist.</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Anhalten</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>Aufnahme</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Stopping after the current step…</source>
        <translation>Hält nach dem aktuellen Schritt an…</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Startet…</translation>
    </message>
    <message>
        <source>Rebuilding…</source>
        <translation>Wird wiederhergestellt…</translation>
    </message>
    <message>
        <source>Rebuilding %1 (%2 of %3)…</source>
        <translation>%1 wird wiederhergestellt (%2 von %3)…</translation>
    </message>
    <message>
        <source>Rebuilt: %1</source>
        <translation>Wiederhergestellt: %1</translation>
    </message>
    <message>
        <source>Not rebuilt: stopped before its turn</source>
        <translation>Nicht wiederhergestellt: vorher angehalten</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Angehalten.</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Fertig.</translation>
    </message>
    <message>
        <source>Nothing was recorded in it: removed</source>
        <translation>Darin wurde nichts aufgenommen: entfernt</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::RecordOptionsWidget</name>
    <message>
        <source>Off (one file)</source>
        <translation>Aus (eine Datei)</translation>
    </message>
    <message>
        <source>at least </source>
        <translation>mindestens </translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Start a new file after this many seconds. Files are cut on the next keyframe, so each chunk is at least this long.</source>
        <translation>Nach so vielen Sekunden eine neue Datei beginnen. Geschnitten wird am nächsten Schlüsselbild, daher ist jeder Abschnitt mindestens so lang.</translation>
    </message>
    <message>
        <source>MP4 (crash-safe)</source>
        <translation>MP4 (absturzsicher)</translation>
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
        <translation>Zielordner wählen</translation>
    </message>
    <message>
        <source>Placeholders: {source} the source name, {date} year-month-day, {time} hours-minutes-seconds, {datetime} both</source>
        <translation>Platzhalter: {source} Name der Quelle, {date} Jahr-Monat-Tag, {time} Stunden-Minuten-Sekunden, {datetime} beides</translation>
    </message>
    <message>
        <source>&amp;Replace existing files</source>
        <translation>Vorhandene Dateien &amp;ersetzen</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Format:</translation>
    </message>
    <message>
        <source>&amp;Chunk length:</source>
        <translation>&amp;Abschnittslänge:</translation>
    </message>
    <message>
        <source>F&amp;older:</source>
        <translation>&amp;Ordner:</translation>
    </message>
    <message>
        <source>File &amp;name:</source>
        <translation>Datei&amp;name:</translation>
    </message>
    <message>
        <source>e.g. %1</source>
        <translation>z. B. %1</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>Zielordner</translation>
    </message>
    <message>
        <source>This source is recording: changes apply to its next recording.</source>
        <translation>Diese Quelle wird gerade aufgenommen: Änderungen gelten für ihre nächste Aufnahme.</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::RecorderDialog</name>
    <message>
        <source>Add a recorder</source>
        <translation>Rekorder hinzufügen</translation>
    </message>
    <message>
        <source>Studio server</source>
        <translation>Studio-Server</translation>
    </message>
    <message>
        <source>recorder.example:8417</source>
        <translation>recorder.example:8417</translation>
    </message>
    <message>
        <source>On the recorder: cat DIR/token. Kept in the keychain, like passwords.</source>
        <translation>Auf dem Rekorder: cat DIR/token. Wird wie Passwörter im Schlüsselbund gespeichert.</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Adresse:</translation>
    </message>
    <message>
        <source>Token:</source>
        <translation>Token:</translation>
    </message>
    <message>
        <source>The token of &quot;%1&quot;</source>
        <translation>Das Token von „%1“</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::RecordersView</name>
    <message>
        <source>Add recorder…</source>
        <translation>Rekorder hinzufügen…</translation>
    </message>
    <message>
        <source>Drive a Tapedeck recorder service (tapedeck-cli serve) from this studio</source>
        <translation>Einen Tapedeck-Rekorderdienst (tapedeck-cli serve) von diesem Studio aus steuern</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Stop watching this recorder (its recordings go on there)</source>
        <translation>Diesen Rekorder nicht mehr beobachten (seine Aufnahmen laufen dort weiter)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Recover on the recorder</source>
        <translation>Auf dem Rekorder wiederherstellen</translation>
    </message>
    <message>
        <source>Ask the recorder to rebuild its unfinished recordings</source>
        <translation>Unvollständige Aufnahmen vom Rekorder wiederherstellen lassen</translation>
    </message>
    <message>
        <source>Files on the selected recorder:</source>
        <translation>Dateien auf dem ausgewählten Rekorder:</translation>
    </message>
    <message numerus="yes">
        <source>%n recording(s) rebuilt on the recorder.</source>
        <translation>
            <numerusform>%n Aufnahme auf dem Rekorder wiederhergestellt.</numerusform>
            <numerusform>%n Aufnahmen auf dem Rekorder wiederhergestellt.</numerusform>
        </translation>
    </message>
    <message>
        <source>needs its token</source>
        <translation>Token erforderlich</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>nicht verbunden</translation>
    </message>
    <message>
        <source>%1 — %2 — %3</source>
        <translation>%1 — %2 — %3</translation>
    </message>
    <message>
        <source>This recorder needs its token.</source>
        <translation>Dieser Rekorder benötigt sein Token.</translation>
    </message>
    <message>
        <source>Add a recorder to see its files.</source>
        <translation>Einen Rekorder hinzufügen, um seine Dateien zu sehen.</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source> (recording)</source>
        <translation> (Aufnahme läuft)</translation>
    </message>
    <message>
        <source>No unfinished recordings on this recorder.</source>
        <translation>Keine unvollständigen Aufnahmen auf diesem Rekorder.</translation>
    </message>
    <message numerus="yes">
        <source>%n unfinished recording(s) can be rebuilt on the recorder.</source>
        <translation>
            <numerusform>%n unvollständige Aufnahme kann auf dem Rekorder wiederhergestellt werden.</numerusform>
            <numerusform>%n unvollständige Aufnahmen können auf dem Rekorder wiederhergestellt werden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sources kept on the recorder with their passwords and stream keys; recording one sends only its name</source>
        <translation>Auf dem Rekorder gespeicherte Quellen mit ihren Passwörtern und Stream-Schlüsseln; beim Aufnehmen wird nur ihr Name gesendet</translation>
    </message>
    <message>
        <source>Record there</source>
        <translation>Dort aufnehmen</translation>
    </message>
    <message>
        <source>Record the selected source on this recorder, with the options of the Sources tab (format, chunk length)</source>
        <translation>Die gewählte Quelle auf diesem Rekorder aufnehmen, mit den Optionen der Quellen (Format, Abschnittslänge)</translation>
    </message>
    <message>
        <source>Sources on the selected recorder:</source>
        <translation>Quellen auf dem gewählten Rekorder:</translation>
    </message>
    <message>
        <source>Its password or stream key is kept on the recorder</source>
        <translation>Ihr Passwort oder Stream-Schlüssel ist auf dem Rekorder gespeichert</translation>
    </message>
    <message>
        <source>None yet: recording a source with a password here offers to keep it on the recorder.</source>
        <translation>Noch keine: Wird hier eine Quelle mit Passwort aufgenommen, wird angeboten, sie auf dem Rekorder zu speichern.</translation>
    </message>
    <message>
        <source>Record there whenever live</source>
        <translation>Dort bei jedem Live-Start aufnehmen</translation>
    </message>
    <message>
        <source>The recorder waits for the stream and records it each time it goes live (a new file each time), until you press Stop on its card</source>
        <translation>Der Rekorder wartet auf den Stream und nimmt ihn bei jedem Live-Start auf (jedes Mal eine neue Datei), bis Sie auf seiner Karte Stoppen drücken</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::RecordingCard</name>
    <message>
        <source>Waiting for stream</source>
        <translation>Wartet auf Stream</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>Nimmt auf</translation>
    </message>
    <message>
        <source>Stopping</source>
        <translation>Wird gestoppt</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>No picture yet</source>
        <translation>Noch kein Bild</translation>
    </message>
    <message>
        <source>Elapsed:</source>
        <translation>Dauer:</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>Größe:</translation>
    </message>
    <message>
        <source>Bitrate:</source>
        <translation>Bitrate:</translation>
    </message>
    <message>
        <source>Chunk:</source>
        <translation>Abschnitt:</translation>
    </message>
    <message>
        <source>Dropped:</source>
        <translation>Verworfen:</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Ausblenden</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>%1 kbit/s</source>
        <translation>%1 kbit/s</translation>
    </message>
    <message>
        <source>one file</source>
        <translation>eine Datei</translation>
    </message>
    <message>
        <source>under a minute</source>
        <translation>unter einer Minute</translation>
    </message>
    <message numerus="yes">
        <source>about %n min</source>
        <translation>
            <numerusform>etwa %n Min.</numerusform>
            <numerusform>etwa %n Min.</numerusform>
        </translation>
    </message>
    <message>
        <source>about %1 h %2 min</source>
        <translation>etwa %1 Std. %2 Min.</translation>
    </message>
    <message numerus="yes">
        <source>about %n days</source>
        <translation>
            <numerusform>etwa %n Tag</numerusform>
            <numerusform>etwa %n Tage</numerusform>
        </translation>
    </message>
    <message>
        <source>free space unknown</source>
        <translation>freier Platz unbekannt</translation>
    </message>
    <message>
        <source>%1 free: below the reserve of %2</source>
        <translation>%1 frei: unter der Reserve von %2</translation>
    </message>
    <message>
        <source>%1 free</source>
        <translation>%1 frei</translation>
    </message>
    <message>
        <source>%1 free, %2 left</source>
        <translation>%1 frei, reicht %2</translation>
    </message>
    <message>
        <source>Disk:</source>
        <translation>Datenträger:</translation>
    </message>
    <message>
        <source>Split now</source>
        <translation>Jetzt teilen</translation>
    </message>
    <message>
        <source>Close this file and go on in a new one from the next keyframe</source>
        <translation>Diese Datei schließen und ab dem nächsten Schlüsselbild in einer neuen weitermachen</translation>
    </message>
    <message>
        <source>Marker name</source>
        <translation>Name der Marke</translation>
    </message>
    <message>
        <source>Add marker</source>
        <translation>Marke setzen</translation>
    </message>
    <message>
        <source>Audio:</source>
        <translation>Ton:</translation>
    </message>
    <message>
        <source>Silent for %1: check the source&apos;s sound.</source>
        <translation>Seit %1 still: Ton der Quelle prüfen.</translation>
    </message>
    <message>
        <source>Packets lost because the disk could not keep up. Access units that hold no picture (some sources send them after network loss) are left out of the file and counted apart.</source>
        <translation>Pakete, die verloren gingen, weil die Festplatte nicht mithielt. Zugriffseinheiten ohne Bild (manche Quellen senden sie nach Netzverlusten) werden nicht in die Datei geschrieben und getrennt gezählt.</translation>
    </message>
    <message>
        <source>%1 (+%2 without a picture)</source>
        <translation>%1 (+%2 ohne Bild)</translation>
    </message>
    <message>
        <source>The tracks this recording writes (choose them with Tracks… in the source&apos;s dialog)</source>
        <translation>Die Spuren, die diese Aufnahme schreibt (Auswahl über „Spuren…“ im Dialog der Quelle)</translation>
    </message>
    <message>
        <source>Tracks:</source>
        <translation>Spuren:</translation>
    </message>
    <message>
        <source>Waiting for the stream (records it every time it is live)</source>
        <translation>Wartet auf Stream (Aufnahme bei jedem Live-Start)</translation>
    </message>
    <message>
        <source>Waiting for the stream (recorded once)</source>
        <translation>Wartet auf Stream (einmal aufgenommen)</translation>
    </message>
    <message>
        <source>Waiting for the stream (recorded %1 times)</source>
        <translation>Wartet auf Stream (%1-mal aufgenommen)</translation>
    </message>
    <message>
        <source>Recording (take %1)</source>
        <translation>Nimmt auf (Take %1)</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>Gespeichert: %1</translation>
    </message>
    <message>
        <source>Black picture for %1: check the source&apos;s camera or video.</source>
        <translation>Seit %1 schwarzes Bild: Kamera oder Video der Quelle prüfen.</translation>
    </message>
    <message>
        <source>The disk is full: the recording stopped. Free some space and record again. (%1)</source>
        <translation>Der Datenträger ist voll: Die Aufnahme wurde beendet. Geben Sie Platz frei und nehmen Sie erneut auf. (%1)</translation>
    </message>
    <message>
        <source>The recording could not be written to the disk. (%1)</source>
        <translation>Die Aufnahme konnte nicht auf den Datenträger geschrieben werden. (%1)</translation>
    </message>
    <message>
        <source>The source came back without the tracks chosen for this recording: the recording ended there and keeps what it had.</source>
        <translation>Die Quelle kam ohne die für diese Aufnahme gewählten Spuren zurück: Die Aufnahme endete dort und behält, was sie hatte.</translation>
    </message>
    <message>
        <source>What was written is kept: File → Recover recordings… rebuilds it.</source>
        <translation>Was geschrieben wurde, bleibt erhalten: Datei → Aufnahmen wiederherstellen … stellt es wieder her.</translation>
    </message>
    <message>
        <source>The recording failed. Hold the mouse over this message for the details (in English).</source>
        <translation>Die Aufnahme ist fehlgeschlagen. Halten Sie die Maus über diese Meldung, um die Einzelheiten (auf Englisch) zu sehen.</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::RecordingsList</name>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>&amp;Play</source>
        <translation>&amp;Abspielen</translation>
    </message>
    <message>
        <source>Show in &amp;folder</source>
        <translation>Im &amp;Ordner zeigen</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Filter by name or source</source>
        <translation>Nach Name oder Quelle filtern</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>Alle Zustände</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>&amp;Umbenennen …</translation>
    </message>
    <message>
        <source>Move to &amp;Trash…</source>
        <translation>&amp;Papierkorb …</translation>
    </message>
    <message>
        <source>Being recorded right now (since %1).</source>
        <translation>Wird gerade aufgenommen (seit %1).</translation>
    </message>
    <message>
        <source>Being recorded right now.</source>
        <translation>Wird gerade aufgenommen.</translation>
    </message>
    <message>
        <source>Rebuilt by the recovery wizard.</source>
        <translation>Vom Wiederherstellungsassistenten neu erstellt.</translation>
    </message>
    <message>
        <source>Being recovered right now.</source>
        <translation>Wird gerade wiederhergestellt.</translation>
    </message>
    <message>
        <source>Not closed properly. File → Recover recordings… rebuilds it.</source>
        <translation>Nicht ordnungsgemäß abgeschlossen. Datei → Aufnahmen wiederherstellen … stellt sie wieder her.</translation>
    </message>
    <message>
        <source>Does not open: %1</source>
        <translation>Lässt sich nicht öffnen: %1</translation>
    </message>
    <message>
        <source>%1 + recording</source>
        <translation>%1 + läuft</translation>
    </message>
    <message>
        <source>recording</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is being recorded right now. Stop the recording first; then it can be renamed or moved to the trash.</source>
        <translation>„%1“ wird gerade aufgenommen. Stoppen Sie zuerst die Aufnahme; dann kann sie umbenannt oder in den Papierkorb verschoben werden.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is being rebuilt by the recovery wizard right now. Wait until it is done.</source>
        <translation>„%1“ wird gerade vom Wiederherstellungsassistenten neu erstellt. Warten Sie, bis er fertig ist.</translation>
    </message>
    <message>
        <source>Nothing to play yet: the first part of this recording is still being written.</source>
        <translation>Noch nichts abzuspielen: Der erste Teil dieser Aufnahme wird noch geschrieben.</translation>
    </message>
    <message>
        <source>No file manager could be opened here. The recording is in %1</source>
        <translation>Hier ließ sich kein Dateimanager öffnen. Die Aufnahme liegt in %1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; was not closed properly. Recover it first (File → Recover recordings…).</source>
        <translation>„%1“ wurde nicht ordnungsgemäß abgeschlossen. Stellen Sie sie zuerst wieder her (Datei → Aufnahmen wiederherstellen …).</translation>
    </message>
    <message>
        <source>Rename recording</source>
        <translation>Aufnahme umbenennen</translation>
    </message>
    <message numerus="yes">
        <source>New name for &quot;%1&quot; (its %n parts keep their numbers):</source>
        <translation>
            <numerusform>Neuer Name für „%1“ (sein %n Teil behält seine Nummer):</numerusform>
            <numerusform>Neuer Name für „%1“ (seine %n Teile behalten ihre Nummern):</numerusform>
        </translation>
    </message>
    <message>
        <source>New name for &quot;%1&quot;:</source>
        <translation>Neuer Name für „%1“:</translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot be renamed to &quot;%2&quot;: a file of that name exists (%3).</source>
        <translation>„%1“ kann nicht in „%2“ umbenannt werden: Eine Datei dieses Namens existiert (%3).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot be renamed: %2</source>
        <translation>„%1“ kann nicht umbenannt werden: %2</translation>
    </message>
    <message>
        <source>Move to trash</source>
        <translation>In den Papierkorb</translation>
    </message>
    <message>
        <source>Move &quot;%1&quot; to the trash?</source>
        <translation>„%1“ in den Papierkorb verschieben?</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s), %1. You can restore them from the trash.</source>
        <translation>
            <numerusform>%n Datei, %1. Sie können sie aus dem Papierkorb wiederherstellen.</numerusform>
            <numerusform>%n Dateien, %1. Sie können sie aus dem Papierkorb wiederherstellen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Move to Trash</source>
        <translation>In den Papierkorb</translation>
    </message>
    <message>
        <source>&quot;%1&quot; could not be moved to the trash: %2</source>
        <translation>„%1“ konnte nicht in den Papierkorb verschoben werden: %2</translation>
    </message>
    <message>
        <source>Recording</source>
        <comment>column: the recording&apos;s name</comment>
        <translation>Aufnahme</translation>
    </message>
    <message>
        <source>Recording</source>
        <comment>library state</comment>
        <translation>Nimmt auf</translation>
    </message>
    <message>
        <source>Finished</source>
        <comment>library state</comment>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Recovered</source>
        <comment>library state</comment>
        <translation>Wiederhergestellt</translation>
    </message>
    <message>
        <source>Unfinished</source>
        <comment>library state</comment>
        <translation>Unvollständig</translation>
    </message>
    <message>
        <source>Damaged</source>
        <comment>library state</comment>
        <translation>Beschädigt</translation>
    </message>
    <message>
        <source>&amp;Keep</source>
        <translation>&amp;Behalten</translation>
    </message>
    <message>
        <source>%1, kept</source>
        <comment>library state of a recording marked Keep</comment>
        <translation>%1, behalten</translation>
    </message>
    <message>
        <source>Marked &quot;Keep&quot;: never removed by retention.</source>
        <translation>Als „Behalten“ markiert: wird von der Aufbewahrung nie gelöscht.</translation>
    </message>
    <message>
        <source>Built-in demo</source>
        <translation>Eingebaute Demo</translation>
    </message>
    <message>
        <source>Kept recordings are never removed by the retention rules (Settings → Retention).</source>
        <translation>Behaltene Aufnahmen werden von den Aufbewahrungsregeln nie gelöscht (Einstellungen → Aufbewahrung).</translation>
    </message>
    <message>
        <source>Marker: %1</source>
        <translation>Marke: %1</translation>
    </message>
    <message>
        <source>Marker &quot;%1&quot; at %2 in %3</source>
        <translation>Marke „%1“ bei %2 in %3</translation>
    </message>
    <message>
        <source>Make &amp;web-ready</source>
        <translation>&amp;Web-tauglich machen</translation>
    </message>
    <message>
        <source>Move the header of an MP4 in front of its media, so a web server can stream it from the start. Nothing is re-encoded.</source>
        <translation>Verschiebt den Header einer MP4 vor ihre Medien, damit ein Webserver sie von Anfang an streamen kann. Nichts wird neu kodiert.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is %2: only an MP4 has a header to move.</source>
        <translation>„%1“ ist %2: Nur eine MP4 hat einen Header, der verschoben werden kann.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is being recorded right now. Make it web-ready once the recording has finished.</source>
        <translation>„%1“ wird gerade aufgenommen. Machen Sie sie web-tauglich, wenn die Aufnahme beendet ist.</translation>
    </message>
    <message>
        <source>Another recording is being made web-ready; wait until it is done.</source>
        <translation>Eine andere Aufnahme wird gerade web-tauglich gemacht; warten Sie, bis das fertig ist.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has no finished file yet.</source>
        <translation>„%1“ hat noch keine fertige Datei.</translation>
    </message>
    <message>
        <source>Making &quot;%1&quot; web-ready in the background…</source>
        <translation>„%1“ wird im Hintergrund web-tauglich gemacht …</translation>
    </message>
    <message>
        <source>&quot;%1&quot; could not be made web-ready: %2. Its files are as they were.</source>
        <translation>„%1“ konnte nicht web-tauglich gemacht werden: %2. Ihre Dateien sind unverändert.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; was already web-ready: its header is before the media. Nothing changed.</source>
        <translation>„%1“ war schon web-tauglich: Ihr Header steht vor den Medien. Nichts wurde geändert.</translation>
    </message>
    <message numerus="yes">
        <source>&quot;%1&quot; is web-ready: its header is now before the media (%n file(s) rewritten, nothing re-encoded).</source>
        <translation>
            <numerusform>„%1“ ist web-tauglich: Ihr Header steht jetzt vor den Medien (%n Datei neu geschrieben, nichts neu kodiert).</numerusform>
            <numerusform>„%1“ ist web-tauglich: Ihr Header steht jetzt vor den Medien (%n Dateien neu geschrieben, nichts neu kodiert).</numerusform>
        </translation>
    </message>
    <message>
        <source>Gap: %1</source>
        <translation>Lücke: %1</translation>
    </message>
    <message>
        <source>A gap in the source at %1 in %2: %3</source>
        <translation>Lücke in der Quelle bei %1 in %2: %3</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::RecoveryWizard</name>
    <message>
        <source>Recover recordings</source>
        <translation>Aufnahmen wiederherstellen</translation>
    </message>
    <message>
        <source>Rebuild</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>Recovery stopped</source>
        <translation>Wiederherstellung angehalten</translation>
    </message>
    <message>
        <source>Recovery finished</source>
        <translation>Wiederherstellung abgeschlossen</translation>
    </message>
    <message numerus="yes">
        <source>%n recording(s) rebuilt.</source>
        <translation>
            <numerusform>%n Aufnahme wiederhergestellt.</numerusform>
            <numerusform>%n Aufnahmen wiederhergestellt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n could not be rebuilt.</source>
        <translation>
            <numerusform>%n konnte nicht wiederhergestellt werden.</numerusform>
            <numerusform>%n konnten nicht wiederhergestellt werden.</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Zurück</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Weiter &gt;</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Fertigstellen</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::RemoteRecorders</name>
    <message>
        <source>not connected</source>
        <translation>nicht verbunden</translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation>wird verbunden…</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>verbunden</translation>
    </message>
    <message>
        <source>unreachable, trying again</source>
        <translation>nicht erreichbar, erneuter Versuch</translation>
    </message>
    <message>
        <source>Give the recorder a name.</source>
        <translation>Der Rekorder braucht einen Namen.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a recorder&apos;s address (host:port, or http(s)://host:port).</source>
        <translation>„%1“ ist keine Rekorder-Adresse (Host:Port oder http(s)://Host:Port).</translation>
    </message>
    <message>
        <source>The recorder&apos;s token is needed (on the recorder: cat DIR/token).</source>
        <translation>Das Token des Rekorders wird benötigt (auf dem Rekorder: cat DIR/token).</translation>
    </message>
    <message>
        <source>A recorder named &quot;%1&quot; exists already.</source>
        <translation>Ein Rekorder namens „%1“ existiert bereits.</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::ScanPage</name>
    <message>
        <source>Looking for recordings</source>
        <translation>Suche nach Aufnahmen</translation>
    </message>
    <message>
        <source>Tapedeck reads the files to find out what each one is and how much of it can be rebuilt.</source>
        <translation>Tapedeck liest die Dateien, um herauszufinden, was jede ist und wie viel davon wiederhergestellt werden kann.</translation>
    </message>
    <message>
        <source>&amp;Stop looking</source>
        <translation>Suche &amp;anhalten</translation>
    </message>
    <message>
        <source>&amp;Look again</source>
        <translation>&amp;Erneut suchen</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>What can be rebuilt</source>
        <translation>Was wiederherstellbar ist</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Tracks</source>
        <translation>Spuren</translation>
    </message>
    <message numerus="yes">
        <source>Looking through %n item(s)…</source>
        <translation>
            <numerusform>Durchsuche %n Eintrag…</numerusform>
            <numerusform>Durchsuche %n Einträge…</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Wird angehalten…</translation>
    </message>
    <message>
        <source>Looked at %1 of %2 files…</source>
        <translation>%1 von %2 Dateien angesehen…</translation>
    </message>
    <message>
        <source>Stopped. Nothing was changed; look again when you are ready.</source>
        <translation>Angehalten. Nichts wurde verändert; suchen Sie erneut, wenn Sie so weit sind.</translation>
    </message>
    <message numerus="yes">
        <source>Recordings (%n)</source>
        <translation>
            <numerusform>Aufnahmen (%n)</numerusform>
            <numerusform>Aufnahmen (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Not recordings, left alone (%n)</source>
        <translation>
            <numerusform>Keine Aufnahmen, unverändert gelassen (%n)</numerusform>
            <numerusform>Keine Aufnahmen, unverändert gelassen (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Could not be read (%n)</source>
        <translation>
            <numerusform>Nicht lesbar (%n)</numerusform>
            <numerusform>Nicht lesbar (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Found %n recording(s) that can be rebuilt</source>
        <translation>
            <numerusform>%n wiederherstellbare Aufnahme gefunden</numerusform>
            <numerusform>%n wiederherstellbare Aufnahmen gefunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n complete file(s) need nothing</source>
        <translation>
            <numerusform>%n vollständige Datei braucht nichts</numerusform>
            <numerusform>%n vollständige Dateien brauchen nichts</numerusform>
        </translation>
    </message>
    <message>
        <source>There is nothing to rebuild here. Go back to add other files or folders.</source>
        <translation>Hier gibt es nichts wiederherzustellen. Gehen Sie zurück, um andere Dateien oder Ordner hinzuzufügen.</translation>
    </message>
    <message numerus="yes">
        <source>In use by another process, left alone (%n)</source>
        <translation>
            <numerusform>Von einem anderen Prozess benutzt, unberührt (%n)</numerusform>
            <numerusform>Von einem anderen Prozess benutzt, unberührt (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::ScheduleDialog</name>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n Min.</numerusform>
            <numerusform>%n Min.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n Std.</numerusform>
            <numerusform>%n Std.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 Std. %2 Min.</translation>
    </message>
    <message>
        <source>Scheduled recordings</source>
        <translation>Geplante Aufnahmen</translation>
    </message>
    <message>
        <source>Every day</source>
        <translation>Täglich</translation>
    </message>
    <message>
        <source>Monday to Friday</source>
        <translation>Montag bis Freitag</translation>
    </message>
    <message>
        <source>No day</source>
        <translation>Kein Tag</translation>
    </message>
    <message>
        <source>%1–%2</source>
        <translation>%1–%2</translation>
    </message>
    <message>
        <source>%1 for %2</source>
        <translation>%1 für %2</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>today %1</source>
        <translation>heute %1</translation>
    </message>
    <message>
        <source>tomorrow %1</source>
        <translation>morgen %1</translation>
    </message>
    <message>
        <source>Scheduled recordings run while Tapedeck runs, also with its window closed to the tray. A start missed while the computer was asleep starts late if its stop time is still ahead, and says so.</source>
        <translation>Geplante Aufnahmen laufen, solange Tapedeck läuft, auch wenn sein Fenster ins Benachrichtigungsfeld geschlossen ist. Ein im Ruhezustand des Computers verpasster Start wird nachgeholt, solange die Endzeit noch bevorsteht, und als verspätet gemeldet.</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Zeitplan</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Off keeps the schedule without recording</source>
        <translation>Inaktiv bleibt der Zeitplan erhalten, ohne aufzunehmen</translation>
    </message>
    <message>
        <source>Stop at</source>
        <translation>Ende um</translation>
    </message>
    <message>
        <source>Record for</source>
        <translation>Aufnehmen für</translation>
    </message>
    <message>
        <source>A stop time at or before the start is on the next day</source>
        <translation>Eine Endzeit gleich oder vor dem Beginn liegt am nächsten Tag</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>Once on</source>
        <translation>Einmal am</translation>
    </message>
    <message>
        <source>Every week on</source>
        <translation>Jede Woche am</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>Quelle:</translation>
    </message>
    <message>
        <source>Start:</source>
        <translation>Beginn:</translation>
    </message>
    <message>
        <source>Stop:</source>
        <translation>Ende:</translation>
    </message>
    <message>
        <source>(removed source)</source>
        <translation>(entfernte Quelle)</translation>
    </message>
    <message>
        <source>(off)</source>
        <translation>(inaktiv)</translation>
    </message>
    <message>
        <source>(done)</source>
        <translation>(erledigt)</translation>
    </message>
    <message>
        <source>No scheduled recordings. Add one.</source>
        <translation>Keine geplanten Aufnahmen. Fügen Sie eine hinzu.</translation>
    </message>
    <message>
        <source>Choose at least one day.</source>
        <translation>Wählen Sie mindestens einen Tag.</translation>
    </message>
    <message>
        <source>The stop time is the start time; choose another, or a duration.</source>
        <translation>Endzeit und Beginn sind gleich; wählen Sie eine andere Zeit oder eine Dauer.</translation>
    </message>
    <message>
        <source>Off: it keeps its times and records nothing.</source>
        <translation>Inaktiv: Die Zeiten bleiben erhalten, es wird nichts aufgenommen.</translation>
    </message>
    <message>
        <source>Next: %1 until %2.</source>
        <translation>Nächste: %1 bis %2.</translation>
    </message>
    <message>
        <source>That time has passed; it will not record.</source>
        <translation>Dieser Zeitpunkt ist vorbei; es wird nicht aufgenommen.</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::SecretFields</name>
    <message>
        <source>Password for &quot;%1&quot;:</source>
        <translation>Passwort für „%1“:</translation>
    </message>
    <message>
        <source>Passphrase:</source>
        <translation>Passphrase:</translation>
    </message>
    <message>
        <source>Value of &quot;%1&quot;:</source>
        <translation>Wert von „%1“:</translation>
    </message>
    <message>
        <source>Access token:</source>
        <translation>Zugangstoken:</translation>
    </message>
    <message>
        <source>Stream key:</source>
        <translation>Streamschlüssel:</translation>
    </message>
    <message>
        <source>Password or key:</source>
        <translation>Passwort oder Schlüssel:</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::SecretPromptDialog</name>
    <message>
        <source>Password needed</source>
        <translation>Passwort benötigt</translation>
    </message>
    <message>
        <source>To record &quot;%1&quot;, type the password or stream key of its address again. It was not kept because no keychain was available.</source>
        <translation>Um „%1“ aufzunehmen, geben Sie das Passwort oder den Streamschlüssel seiner Adresse erneut ein. Es wurde nicht aufbewahrt, weil kein Schlüsselbund verfügbar war.</translation>
    </message>
    <message>
        <source>It will be kept in the system keychain.</source>
        <translation>Es wird im Schlüsselbund des Systems aufbewahrt.</translation>
    </message>
    <message>
        <source>It will be kept in memory until Tapedeck quits.</source>
        <translation>Es bleibt bis zum Beenden von Tapedeck im Speicher.</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>&amp;Aufnahme starten</translation>
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
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>Aufnahme</translation>
    </message>
    <message>
        <source>Crash safety</source>
        <translation>Absturzsicherheit</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <source>Disk</source>
        <translation>Datenträger</translation>
    </message>
    <message>
        <source>Behaviour</source>
        <translation>Verhalten</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Choose the recordings folder</source>
        <translation>Aufnahmeordner wählen</translation>
    </message>
    <message>
        <source>Recordings folder</source>
        <translation>Aufnahmeordner</translation>
    </message>
    <message>
        <source>Replace existing files</source>
        <translation>Vorhandene Dateien ersetzen</translation>
    </message>
    <message>
        <source>Used for sources that have no settings of their own.</source>
        <translation>Gilt für Quellen ohne eigene Einstellungen.</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Ordner:</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Format:</translation>
    </message>
    <message>
        <source>Chunk length:</source>
        <translation>Abschnittslänge:</translation>
    </message>
    <message>
        <source>File name:</source>
        <translation>Dateiname:</translation>
    </message>
    <message>
        <source>{source}, {date}, {time} and {datetime} are replaced.</source>
        <translation>{source}, {date}, {time} und {datetime} werden ersetzt.</translation>
    </message>
    <message>
        <source>Every packet</source>
        <translation>Jedes Paket</translation>
    </message>
    <message>
        <source>Flush to disk every:</source>
        <translation>Auf die Platte schreiben alle:</translation>
    </message>
    <message>
        <source>MP4 recordings are written crash-safe. Data reaches the disk with every packet; this interval bounds what a power cut can lose. Shorter is safer, longer is easier on the disk.</source>
        <translation>MP4-Aufnahmen werden absturzsicher geschrieben. Die Daten gehen mit jedem Paket an die Platte; dieser Abstand begrenzt, was ein Stromausfall kosten kann. Kürzer ist sicherer, länger schont den Datenträger.</translation>
    </message>
    <message>
        <source>First reconnect after:</source>
        <translation>Erster Verbindungsversuch nach:</translation>
    </message>
    <message>
        <source>Longest wait between reconnects:</source>
        <translation>Längste Pause zwischen Versuchen:</translation>
    </message>
    <message>
        <source>Give up opening after:</source>
        <translation>Öffnen aufgeben nach:</translation>
    </message>
    <message>
        <source>Treat as dropped after no data for:</source>
        <translation>Als abgebrochen werten, wenn keine Daten kommen seit:</translation>
    </message>
    <message>
        <source>Changes apply to recordings started from now on.</source>
        <translation>Änderungen gelten für ab jetzt gestartete Aufnahmen.</translation>
    </message>
    <message>
        <source>Keep free at least:</source>
        <translation>Mindestens frei halten:</translation>
    </message>
    <message>
        <source>Below this, a recording does not start, and a running recording stops cleanly and keeps what it wrote.</source>
        <translation>Darunter startet keine Aufnahme, und eine laufende Aufnahme endet sauber und behält, was sie geschrieben hat.</translation>
    </message>
    <message>
        <source>Keep running in the tray when the window is closed</source>
        <translation>Beim Schließen des Fensters im Benachrichtigungsfeld weiterlaufen</translation>
    </message>
    <message>
        <source>Start minimised to the tray</source>
        <translation>Minimiert im Benachrichtigungsfeld starten</translation>
    </message>
    <message>
        <source>Show notifications</source>
        <translation>Benachrichtigungen anzeigen</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
    <message>
        <source>The window switches to the new language when you press OK; recordings keep running.</source>
        <translation>Das Fenster wechselt beim Klick auf OK in die neue Sprache; Aufnahmen laufen weiter.</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>A server that refuses the connection is reported at once; one that does not answer is given this long.</source>
        <translation>Ein Server, der die Verbindung ablehnt, wird sofort gemeldet; einer, der nicht antwortet, bekommt so lange Zeit.</translation>
    </message>
    <message>
        <source>Retention</source>
        <translation>Aufbewahrung</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>Only near the reserve</source>
        <translation>Nur nahe der Reserve</translation>
    </message>
    <message>
        <source>Warn when less is left than:</source>
        <translation>Warnen, wenn weniger übrig ist als:</translation>
    </message>
    <message>
        <source>Time left is the free space above the reserve at the bitrates of everything recording to the same disk. The status bar and each recording show it.</source>
        <translation>Die Restzeit ist der freie Platz über der Reserve bei den Bitraten aller Aufnahmen auf denselben Datenträger. Die Statusleiste und jede Aufnahme zeigen sie an.</translation>
    </message>
    <message>
        <source> GiB</source>
        <translation> GiB</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Keine Grenze</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>Keep at most:</source>
        <translation>Höchstens behalten:</translation>
    </message>
    <message>
        <source>Delete after:</source>
        <translation>Löschen nach:</translation>
    </message>
    <message>
        <source>The oldest finished recordings are deleted first, for good: the trash is on the same disk and would free nothing. Recordings in progress, unfinished or damaged ones and those marked Keep in the library are never deleted.</source>
        <translation>Die ältesten abgeschlossenen Aufnahmen werden zuerst endgültig gelöscht: Der Papierkorb liegt auf demselben Datenträger und würde nichts freigeben. Laufende, unvollständige oder beschädigte Aufnahmen und solche, die in der Bibliothek als „Behalten“ markiert sind, werden nie gelöscht.</translation>
    </message>
    <message>
        <source>No limit is set for this folder: nothing is deleted.</source>
        <translation>Für diesen Ordner ist keine Grenze gesetzt: Es wird nichts gelöscht.</translation>
    </message>
    <message>
        <source>Looking at the folder…</source>
        <translation>Ordner wird durchgesehen …</translation>
    </message>
    <message>
        <source>too old</source>
        <translation>zu alt</translation>
    </message>
    <message>
        <source>over the size limit</source>
        <translation>über der Größengrenze</translation>
    </message>
    <message>
        <source>%1 — %2, %3 (%4)</source>
        <translation>%1 — %2, %3 (%4)</translation>
    </message>
    <message>
        <source>unknown date</source>
        <translation>Datum unbekannt</translation>
    </message>
    <message>
        <source>Nothing would be deleted now (the folder holds %1).</source>
        <translation>Jetzt würde nichts gelöscht (der Ordner enthält %1).</translation>
    </message>
    <message numerus="yes">
        <source>%n recording(s) would be deleted, %1 of %2.</source>
        <translation>
            <numerusform>%n Aufnahme würde gelöscht, %1 von %2.</numerusform>
            <numerusform>%n Aufnahmen würden gelöscht, %1 von %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n protected recording(s) stay (in progress, unfinished, damaged or kept).</source>
        <translation>
            <numerusform>%n geschützte Aufnahme bleibt (laufend, unvollständig, beschädigt oder behalten).</numerusform>
            <numerusform>%n geschützte Aufnahmen bleiben (laufend, unvollständig, beschädigt oder behalten).</numerusform>
        </translation>
    </message>
    <message>
        <source>Start Tapedeck when I log in</source>
        <translation>Tapedeck bei der Anmeldung starten</translation>
    </message>
    <message>
        <source>Adds Tapedeck to the desktop&apos;s autostart (%1)</source>
        <translation>Trägt Tapedeck in den Autostart des Desktops ein (%1)</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <source>Warn when a recording is silent for:</source>
        <translation>Warnen, wenn eine Aufnahme still ist seit:</translation>
    </message>
    <message>
        <source>Warn when a recording&apos;s picture is black for:</source>
        <translation>Warnen, wenn das Bild einer Aufnahme schwarz ist seit:</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::SourceDialog</name>
    <message>
        <source>Add source</source>
        <translation>Quelle hinzufügen</translation>
    </message>
    <message>
        <source>e.g. Studio camera</source>
        <translation>z. B. Studiokamera</translation>
    </message>
    <message>
        <source>rtmp://server/app/stream, rtsp://…, srt://…, https://…/index.m3u8, or a file</source>
        <translation>rtmp://server/app/stream, rtsp://…, srt://…, https://…/index.m3u8 oder eine Datei</translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <source>Connect to the address and list the streams it carries</source>
        <translation>Mit der Adresse verbinden und die enthaltenen Spuren auflisten</translation>
    </message>
    <message>
        <source>Not checked yet.</source>
        <translation>Noch nicht geprüft.</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse:</translation>
    </message>
    <message>
        <source>Result:</source>
        <translation>Ergebnis:</translation>
    </message>
    <message>
        <source>Edit source</source>
        <translation>Quelle bearbeiten</translation>
    </message>
    <message numerus="yes">
        <source>Checking… (up to %n second(s))</source>
        <translation>
            <numerusform>Wird geprüft … (bis zu %n Sekunde)</numerusform>
            <numerusform>Wird geprüft … (bis zu %n Sekunden)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Found %n stream(s):</source>
        <translation>
            <numerusform>%n Spur gefunden:</numerusform>
            <numerusform>%n Spuren gefunden:</numerusform>
        </translation>
    </message>
    <message>
        <source>A source named &quot;%1&quot; already exists. Choose another name.</source>
        <translation>Eine Quelle namens „%1“ gibt es schon. Wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>Record a video or audio file as if it were a live stream</source>
        <translation>Eine Video- oder Audiodatei wie einen Livestream aufnehmen</translation>
    </message>
    <message>
        <source>Passwords and stream keys are kept in the system keychain, not in the settings file. The address is saved without them.</source>
        <translation>Passwörter und Streamschlüssel werden im Schlüsselbund des Systems aufbewahrt, nicht in der Einstellungsdatei. Die Adresse wird ohne sie gespeichert.</translation>
    </message>
    <message>
        <source>No keychain is available in this session: passwords and stream keys are kept in memory only, until Tapedeck quits. The address is saved without them; you will be asked for them again when you record.</source>
        <translation>In dieser Sitzung ist kein Schlüsselbund verfügbar: Passwörter und Streamschlüssel bleiben nur im Speicher, bis Tapedeck beendet wird. Die Adresse wird ohne sie gespeichert; beim Start einer Aufnahme werden Sie erneut danach gefragt.</translation>
    </message>
    <message>
        <source>Or a &amp;device:</source>
        <translation>Oder ein &amp;Gerät:</translation>
    </message>
    <message>
        <source>Choose a file to record</source>
        <translation>Datei für die Aufnahme wählen</translation>
    </message>
    <message>
        <source>Video and audio files (*.mp4 *.mkv *.mov *.ts *.flv *.webm *.avi *.mp3 *.m4a *.wav *.ogg)</source>
        <translation>Video- und Audiodateien (*.mp4 *.mkv *.mov *.ts *.flv *.webm *.avi *.mp3 *.m4a *.wav *.ogg)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>No camera or microphone found</source>
        <translation>Keine Kamera und kein Mikrofon gefunden</translation>
    </message>
    <message>
        <source>Choose a camera or microphone…</source>
        <translation>Kamera oder Mikrofon wählen…</translation>
    </message>
    <message>
        <source>&amp;Tracks…</source>
        <translation>&amp;Spuren…</translation>
    </message>
    <message>
        <source>Choose the program and the audio languages to record</source>
        <translation>Programm und Audiosprachen für die Aufnahme wählen</translation>
    </message>
    <message>
        <source>Tracks:</source>
        <translation>Spuren:</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::SourceStore</name>
    <message>
        <source>Demo (test pattern)</source>
        <translation>Demo (Testbild)</translation>
    </message>
    <message>
        <source>The stream address could not be saved in the keychain: %1</source>
        <translation>Die Stream-Adresse konnte nicht im Schlüsselbund gespeichert werden: %1</translation>
    </message>
    <message>
        <source>This source no longer exists.</source>
        <translation>Diese Quelle gibt es nicht mehr.</translation>
    </message>
    <message>
        <source>%1 with %2</source>
        <translation>%1 mit %2</translation>
    </message>
    <message>
        <source>The password or stream key of this source was not kept. Type it again to record.</source>
        <translation>Das Passwort oder der Streamschlüssel dieser Quelle wurde nicht aufbewahrt. Geben Sie es für die Aufnahme erneut ein.</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::TrackDialog</name>
    <message>
        <source>Video</source>
        <translation>Video</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <source>Subtitles</source>
        <translation>Untertitel</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstiges</translation>
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
            <numerusform>, %n Kanal</numerusform>
            <numerusform>, %n Kanäle</numerusform>
        </translation>
    </message>
    <message>
        <source>All tracks of the source</source>
        <translation>Alle Spuren der Quelle</translation>
    </message>
    <message>
        <source>Program %1</source>
        <translation>Programm %1</translation>
    </message>
    <message>
        <source> (%1)</source>
        <translation> (%1)</translation>
    </message>
    <message>
        <source>Every track of the main program (default)</source>
        <translation>Alle Spuren des Hauptprogramms (Standard)</translation>
    </message>
    <message>
        <source>no %1</source>
        <translation>ohne %1</translation>
    </message>
    <message>
        <source>every track</source>
        <translation>alle Spuren</translation>
    </message>
    <message>
        <source>Program %1: %2</source>
        <translation>Programm %1: %2</translation>
    </message>
    <message>
        <source>Tracks: %1</source>
        <translation>Spuren: %1</translation>
    </message>
    <message>
        <source>Tracks to record</source>
        <translation>Aufzunehmende Spuren</translation>
    </message>
    <message>
        <source>A stream can carry several programs and audio languages. Tick what to record; by default every track of the main program is recorded.</source>
        <translation>Ein Stream kann mehrere Programme und Audiosprachen enthalten. Haken Sie an, was aufgenommen werden soll; standardmäßig werden alle Spuren des Hauptprogramms aufgenommen.</translation>
    </message>
    <message>
        <source>&amp;Detect tracks</source>
        <translation>Spuren &amp;erkennen</translation>
    </message>
    <message>
        <source>Open the source and list its programs and tracks</source>
        <translation>Die Quelle öffnen und ihre Programme und Spuren auflisten</translation>
    </message>
    <message>
        <source>&amp;Record every track</source>
        <translation>&amp;Alle Spuren aufnehmen</translation>
    </message>
    <message>
        <source>Forget the choice: record every track of the main program</source>
        <translation>Auswahl verwerfen: alle Spuren des Hauptprogramms aufnehmen</translation>
    </message>
    <message>
        <source>Track</source>
        <translation>Spur</translation>
    </message>
    <message>
        <source>Chosen by</source>
        <translation>Auswahl per</translation>
    </message>
    <message numerus="yes">
        <source>Detecting… (up to %n second(s))</source>
        <translation>
            <numerusform>Wird erkannt… (bis zu %n Sekunde)</numerusform>
            <numerusform>Wird erkannt… (bis zu %n Sekunden)</numerusform>
        </translation>
    </message>
    <message>
        <source>The tracks could not be detected: %1</source>
        <translation>Die Spuren konnten nicht erkannt werden: %1</translation>
    </message>
    <message>
        <source>The saved choice names program %1, which the source does not carry now. The default is shown.</source>
        <translation>Die gespeicherte Auswahl nennt Programm %1, das die Quelle derzeit nicht enthält. Angezeigt wird der Standard.</translation>
    </message>
    <message>
        <source>The saved choice no longer matches the source (%1). The default is shown.</source>
        <translation>Die gespeicherte Auswahl passt nicht mehr zur Quelle (%1). Angezeigt wird der Standard.</translation>
    </message>
    <message numerus="yes">
        <source>Found %n program(s)</source>
        <translation>
            <numerusform>Gefunden: %n Programm</numerusform>
            <numerusform>Gefunden: %n Programme</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> with %n track(s).</source>
        <translation>
            <numerusform> mit %n Spur.</numerusform>
            <numerusform> mit %n Spuren.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Found %n track(s).</source>
        <translation>
            <numerusform>%n Spur gefunden.</numerusform>
            <numerusform>%n Spuren gefunden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Tick at least one video or audio track.</source>
        <translation>Haken Sie mindestens eine Video- oder Audiospur an.</translation>
    </message>
    <message>
        <source>video</source>
        <comment>kind of track inside a phrase: &quot;no video&quot;, &quot;video 0&quot;</comment>
        <translation>Video</translation>
    </message>
    <message>
        <source>audio</source>
        <comment>kind of track inside a phrase: &quot;no audio&quot;, &quot;audio eng&quot;</comment>
        <translation>Audio</translation>
    </message>
    <message>
        <source>subtitles</source>
        <comment>kind of track inside a phrase: &quot;no subtitles&quot;</comment>
        <translation>Untertitel</translation>
    </message>
    <message>
        <source>data</source>
        <comment>kind of track inside a phrase: &quot;no data&quot;</comment>
        <translation>Daten</translation>
    </message>
    <message>
        <source>other</source>
        <comment>kind of track inside a phrase</comment>
        <translation>Sonstiges</translation>
    </message>
    <message>
        <source>Saved choice: %1. Click “Detect tracks” to see what the source carries.</source>
        <translation>Gespeicherte Auswahl: %1. Klicken Sie auf „Spuren erkennen“, um zu sehen, was die Quelle enthält.</translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::TrayController</name>
    <message>
        <source>Nothing is recording</source>
        <translation>Keine Aufnahme läuft</translation>
    </message>
    <message>
        <source>Show Tapedeck</source>
        <translation>Tapedeck anzeigen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message numerus="yes">
        <source>Recording %n stream(s)</source>
        <translation>
            <numerusform>%n Stream wird aufgenommen</numerusform>
            <numerusform>%n Streams werden aufgenommen</numerusform>
        </translation>
    </message>
    <message>
        <source>Stop all recordings</source>
        <translation>Alle Aufnahmen stoppen</translation>
    </message>
    <message>
        <source>Schedules…</source>
        <translation>Zeitpläne…</translation>
    </message>
</context>
</TS>
