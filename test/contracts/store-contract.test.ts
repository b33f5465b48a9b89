import { defineStoreContract } from "./store.contract.js";
import { describeOnEachEngine } from "./storage-engines.js";

describeOnEachEngine("Store contract", (fresh, dialect) => defineStoreContract({ dialect, fresh }));
