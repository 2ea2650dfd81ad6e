// The library's "Make web-ready" (issue 17, point 7; docs/mp4-writer.md): the
// header of every finished file of an MP4 recording goes in front of its
// media, on the widget's job pool; the result comes back as a queued call.

#include "ui/RecordingsList.h"

#include "core/io/Paths.h"
#include "core/mp4/WebReady.h"

#include <QFileInfo>
#include <QLabel>

namespace tapedeck::ui {

void RecordingsList::makeWebReadySelected()
{
    const LibraryEntry *sel = selectedEntry();
    if (!sel)
        return;
    if (sel->format != ContainerType::Mp4) {
        showMessage(tr("\"%1\" is %2: only an MP4 has a header to move.").arg(sel->name, containerName(sel->format)));
        return;
    }
    if (const OwnerInfo owner = currentOwner(*sel); owner.owned()) {
        showMessage(owner.owner == FileOwner::Recording
                        ? tr("\"%1\" is being recorded right now. Make it web-ready once the recording has finished.")
                              .arg(sel->name)
                        : refusal(*sel, owner));
        return;
    }
    if (m_webReadyRunning) {
        showMessage(tr("Another recording is being made web-ready; wait until it is done."));
        return;
    }
    QStringList files;
    for (const LibraryChunk &c : sel->chunks)
        if (c.exists && isRegularFile(c.path))
            files << c.path;
    if (files.isEmpty()) {
        showMessage(tr("\"%1\" has no finished file yet.").arg(sel->name));
        return;
    }
    m_webReadyRunning = true;
    const QString name = sel->name;
    const QString folder = sel->folder;
    showMessage(tr("Making \"%1\" web-ready in the background…").arg(name));
    m_jobs.start([this, name, folder, files] {
        int moved = 0, already = 0;
        QString failure;
        for (const QString &f : files) {
            mp4::WebReadyOptions o;
            o.cancel = &m_closing; // the window closes: stop, the original stays
            const auto r = mp4::makeWebReady(f, o);
            if (!r) {
                failure = r.message();
                break;
            }
            (r->alreadyWebReady ? already : moved)++;
        }
        if (m_closing)
            return;
        QString message;
        if (!failure.isEmpty())
            message = tr("\"%1\" could not be made web-ready: %2. Its files are as they were.").arg(name, failure);
        else if (moved == 0)
            message = tr("\"%1\" was already web-ready: its header is before the media. Nothing changed.").arg(name);
        else
            message = tr("\"%1\" is web-ready: its header is now before the media (%n file(s) rewritten, nothing "
                         "re-encoded).",
                         nullptr, moved)
                          .arg(name);
        // The widget waits for m_jobs before it goes: `this` is safe here.
        QMetaObject::invokeMethod(
            this, [this, folder, message] { webReadyFinished(folder, message); }, Qt::QueuedConnection);
    });
}

void RecordingsList::webReadyFinished(const QString &folder, const QString &message)
{
    m_webReadyRunning = false;
    showMessage(message);
    startScan(folder); // sizes changed
}

} // namespace tapedeck::ui
