/**
 * The actors one article names: fixed actors (places, IGOs, organisations) and people as they are
 * built, each map in the order first noted. Passed to the steps that add people, so no step needs a
 * callback made per article (closures made per call keep V8 from keeping the stage optimised); `reset`
 * readies it for the next article.
 */
import type { Actor, ArticleRecord } from "../record.ts";
import { type PersonBuild, personActor, registryPersonBuild } from "./people.ts";
import type { PersonEntry } from "./registry.ts";

export class ActorLedger {
  /** People by id, as built so far. */
  readonly people = new Map<string, PersonBuild>();
  /** Places, bodies and organisations by id. */
  readonly fixed = new Map<string, Actor>();
  /** Person actors as seen by description linking (made on first need, then kept). */
  private readonly views = new Map<string, Actor>();

  constructor(public record: ArticleRecord) {}

  /** Empties the ledger for another article. */
  reset(record: ArticleRecord): void {
    this.record = record;
    this.people.clear();
    this.fixed.clear();
    this.views.clear();
  }

  noteActor(actor: Actor): void {
    if (!this.fixed.has(actor.id)) this.fixed.set(actor.id, actor);
  }

  /** The build already noted under this build's id, else this one, now noted. */
  notePerson(build: PersonBuild): PersonBuild {
    const known = this.people.get(build.id);
    if (known) return known;
    this.people.set(build.id, build);
    return build;
  }

  /** The build of a registry person, noted on first need. */
  noteRegistryPerson(person: PersonEntry): PersonBuild {
    return this.people.get(person.id) ?? this.notePerson(registryPersonBuild(person));
  }

  /** The person actor a build stands for (kept after the first call: later changes are not seen). */
  view(build: PersonBuild): Actor {
    let v = this.views.get(build.id);
    if (!v) {
      v = personActor(build, this.record, this.people).actor;
      this.views.set(build.id, v);
    }
    return v;
  }
}
