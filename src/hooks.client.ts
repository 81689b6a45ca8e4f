import { supplyObjectHasOwn } from '$lib/client/old-browsers';

// Runs before the app starts, so the oldest supported browsers have what the client code calls.
supplyObjectHasOwn();
