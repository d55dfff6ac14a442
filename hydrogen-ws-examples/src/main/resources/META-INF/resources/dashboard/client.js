// The WebJar's client at the version this runner was built with; Maven fills the version in.
export { HydrogenClient, HydrogenError } from '../webjars/hydrogen-ws-client/${project.version}/hydrogen-client.js';
