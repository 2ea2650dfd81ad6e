<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>tapedeck::ui::ActiveRecordingsView</name>
    <message>
        <source>Nothing is recording. Choose a source and press Record.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::MainWindow</name>
    <message>
        <source>Tapedeck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keychain available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passwords and stream keys will be forgotten when Tapedeck quits (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add source…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit source…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ar&amp;m (record when the stream appears)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop &amp;all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;cover recordings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the source &quot;%1&quot;? Recorded files are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait for the stream and record from its first frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recordings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source &quot;%1&quot; saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder &quot;%1&quot; cannot be created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only %1 free in &quot;%2&quot;; recording needs at least %3 free (see Settings → Disk).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for &quot;%1&quot; to appear…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting &quot;%1&quot;…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording of &quot;%1&quot; failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; was cancelled before the stream appeared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording of &quot;%1&quot; finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) saved: %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Disk space is running low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 free in &quot;%2&quot;. Recordings stop cleanly below %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unfinished recordings found</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n recording(s) were not closed properly, probably after a crash. Click to recover them.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The recovery wizard is not available in this build; use &quot;tapedeck recover&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closing the recordings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tapedeck is still recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording continues in the background. Use the tray icon to open the window or to quit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recordings are running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop all recordings and quit? Everything recorded so far is kept.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::PlayerDialog</name>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file cannot be played: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Playing %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::ProbeJob</name>
    <message>
        <source>Nothing was found at this address. (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not connect to the server. Check the address and that the server is running. (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The source did not answer in time. Is the stream live? (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tapedeck cannot read this kind of source. (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This address is not valid. (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The check was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The source could not be opened: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter an address first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tapedeck cannot read this kind of source.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The source opened but carries no audio or video.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::RecordOptionsWidget</name>
    <message>
        <source>Off (one file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at least </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a new file after this many seconds. Files are cut on the next keyframe, so each chunk is at least this long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MP4 (crash-safe)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MPEG-TS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FLV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the output folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Placeholders: {source} the source name, {date} year-month-day, {time} hours-minutes-seconds, {datetime} both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Replace existing files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Chunk length:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F&amp;older:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::RecordingCard</name>
    <message>
        <source>Waiting for stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No picture yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Elapsed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bitrate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chunk:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dropped:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 kbit/s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::RecordingsList</name>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show in &amp;folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::SettingsDialog</name>
    <message>
        <source> ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crash safety</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Behaviour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the recordings folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recordings folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace existing files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used for sources that have no settings of their own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chunk length:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{source}, {date}, {time} and {datetime} are replaced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every packet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flush to disk every:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MP4 recordings are written crash-safe. Data reaches the disk with every packet; this interval bounds what a power cut can lose. Shorter is safer, longer is easier on the disk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First reconnect after:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest wait between reconnects:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give up opening after:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Treat as dropped after no data for:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes apply to recordings started from now on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep free at least:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Below this, a recording does not start, and a running recording stops cleanly and keeps what it wrote.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep running in the tray when the window is closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start minimised to the tray</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new language is used the next time Tapedeck starts.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::SourceDialog</name>
    <message>
        <source>Add source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Studio camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rtmp://server/app/stream, rtsp://…, srt://…, https://…/index.m3u8, or a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to the address and list the streams it carries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not checked yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passwords and stream keys in the address are kept in the system keychain, not in the settings file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit source</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Checking… (up to %n second(s))</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Found %n stream(s):</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>A source named &quot;%1&quot; already exists. Choose another name.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::SourceStore</name>
    <message>
        <source>Demo (test pattern)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stream address could not be saved in the keychain: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This source no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stream address with its password or key is not in the keychain any more. Edit the source and enter it again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::TrayController</name>
    <message>
        <source>Nothing is recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show Tapedeck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Recording %n stream(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
</TS>
