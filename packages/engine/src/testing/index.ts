export {
  type RecordedChatRequest,
  type ScriptedAnswer,
  type ScriptedAnswerSource,
  type ScriptedModelServer,
  type ScriptedModelServerOptions,
  startScriptedModelServer,
} from './scripted-model-server.js';
