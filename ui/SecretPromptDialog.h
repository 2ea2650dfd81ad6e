#pragma once
// Asks for the password or stream key of a saved source whose secret was
// not kept (no keychain in this session), just before it is recorded.

#include <QDialog>

class QDialogButtonBox;

namespace tapedeck {
namespace ui {

class SecretFields;

class SecretPromptDialog : public QDialog {
    Q_OBJECT
public:
    // address: the saved address with "***" where each secret goes.
    SecretPromptDialog(const QString &sourceName, const QString &address, bool persistent, QWidget *parent = nullptr);
    QString fullUrl() const;

private:
    QString m_address;
    SecretFields *m_fields;
    QDialogButtonBox *m_buttons;
};

} // namespace ui
} // namespace tapedeck
