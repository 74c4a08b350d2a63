/* lsp.h: `ddlint lsp`, a Language Server Protocol server over standard input and output.
 *
 * JSON-RPC 2.0 messages framed by Content-Length headers (written with jansson). The server
 * lints each open document in memory as one migration, with the settings of the .ddlint.yaml
 * found from the document's directory (after the migrations before it, when it is in that
 * config's migrations directory), and publishes its findings as diagnostics; code actions
 * offer each finding's fix and the suppression comments; hover shows the lock, effect and
 * transaction of the statement under the cursor. docs/editors.md sets up Neovim and VS Code.
 *
 * At most 1,000 findings are kept and published per document (initializationOptions
 * .maxDiagnostics), the most severe first, the others freed as they are found; the last
 * diagnostic then says how many more there are. Changes are incremental, applied in place;
 * one with an invalid range is rejected with an error message and the document unchanged.
 *
 * Positions are converted between ddlint's byte offsets and the negotiated position encoding
 * (UTF-16 code units by default; UTF-8 and UTF-32 when the client prefers them).
 */
#ifndef DDLINT_LSP_H
#define DDLINT_LSP_H

#include <stdio.h>

/* Serves the client on IN and OUT until the exit notification or the end of IN. Returns the
 * process exit status: 0 when a shutdown request came before, else 1. */
int dl_lsp_main(FILE *in, FILE *out);

#endif
