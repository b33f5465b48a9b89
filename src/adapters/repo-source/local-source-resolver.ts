import { MemoryRepoSource } from "../../ports/repo-source.js";
import type { OpenedSource, SourceResolver } from "../../ports/source-resolver.js";
import type { SourceRef } from "../../protocol/sources.js";
import { GitRevisionSource } from "./git-revision-source.js";
import { LocalRepoSource } from "./local-repo-source.js";

const nothingToClose = (): Promise<void> => Promise.resolve();

/**
 * Opens the references a process can open on its own: a local folder, files of a local checkout at
 * a revision, and files carried in the reference. Repository trees and pull-request files need GitHub access; the app's resolver adds
 * those and falls back to this one.
 */
export class LocalSourceResolver implements SourceResolver {
  open(ref: SourceRef): Promise<OpenedSource> {
    switch (ref.kind) {
      case "local":
        return Promise.resolve({ source: new LocalRepoSource(ref.path), close: nothingToClose });
      case "git-revision":
        return Promise.resolve({ source: new GitRevisionSource(ref.path, ref.rev, ref.paths), close: nothingToClose });
      case "files":
        return Promise.resolve({ source: new MemoryRepoSource(ref.files), close: nothingToClose });
      default:
        return Promise.reject(new Error(`a ${ref.kind} source needs GitHub access, which this process does not have`));
    }
  }
}
