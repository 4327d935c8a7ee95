export { PropertiesPanel, type PropertiesPanelProps } from './properties/PropertiesPanel.tsx';
export { ValidationPanel, type ValidationPanelProps } from './validation/ValidationPanel.tsx';
export { TestPanel, type SimulationTrace, type TestPanelProps } from './simulation/TestPanel.tsx';
